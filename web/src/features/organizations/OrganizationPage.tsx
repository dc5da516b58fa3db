import { hasRole } from '../../api/types';
import { useCurrentOrg } from '../../org/OrgProvider';
import { Badge } from '../../ui/Badge';
import { PageHeader } from '../../ui/Card';
import { InvitationsCard } from './InvitationsCard';
import { MembersCard } from './MembersCard';
import { SettingsCard } from './SettingsCard';

/** `/organization`: the current organization's settings, members and (for admins) invitations. */
export function OrganizationPage() {
  const org = useCurrentOrg();
  return (
    <div className="space-y-6">
      <PageHeader
        title={org.name}
        description={<span className="flex flex-wrap items-center gap-2">
          <span className="font-mono">{org.slug}</span> · plan {org.plan} · your role <Badge tone="indigo">{org.role}</Badge>
        </span>}
      />
      <SettingsCard org={org} />
      <MembersCard org={org} />
      {hasRole(org.role, 'admin') && <InvitationsCard org={org} />}
    </div>
  );
}
