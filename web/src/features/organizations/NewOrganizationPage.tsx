import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { isApiError } from '../../api/problem';
import type { Organization } from '../../api/types';
import { useOrgs } from '../../org/OrgProvider';
import { Button } from '../../ui/Button';
import { Card, PageHeader } from '../../ui/Card';
import { TextField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';

/** `/organizations/new`: a new organization, selected in the switcher once created. */
export function NewOrganizationPage() {
  const api = useApi();
  const queries = useQueryClient();
  const { organizations, isLoading, select } = useOrgs();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  // The slug comes from the name unless given; it is asked for only once the derived one is taken.
  const [slug, setSlug] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => api.post<Organization>('/api/v1/organizations', slug?.trim() ? { name: name.trim(), slug: slug.trim() } : { name: name.trim() }),
    onError: (error) => {
      if (isApiError(error) && error.code === 'slug-taken' && slug === null) setSlug('');
    },
    onSuccess: async (created) => {
      // RequireOrg on `/` must already see it, or it would send the user straight back here.
      await queries.invalidateQueries({ queryKey: ['organizations'] });
      select(created.id);
      navigate('/');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  if (isLoading) return <Spinner label="Loading your organizations" />;
  const first = organizations.length === 0;
  return (
    <div className="max-w-xl">
      <PageHeader
        title={first ? 'Welcome to AutoDeploy' : 'New organization'}
        description={first
          ? 'Projects, repositories and deployments belong to an organization. Create yours to get started; you can invite your team afterwards.'
          : 'A separate space with its own members, projects and deployments.'}
      />
      <Card>
        <form onSubmit={submit} className="space-y-4" noValidate>
          <ProblemAlert error={create.error} title="The organization was not created" />
          <TextField label="Organization name" required autoFocus maxLength={200} value={name} placeholder="Acme Robotics"
            error={isApiError(create.error) ? create.error.fieldError('name') : undefined}
            hint="Your company, team or project. You become its owner."
            onChange={(e) => setName(e.target.value)} />
          {slug !== null && (
            <TextField label="Slug" value={slug} maxLength={63} placeholder="acme-robotics-eu"
              error={isApiError(create.error) ? create.error.fieldError('slug') : undefined}
              hint="The short name in addresses, unique across AutoDeploy: 3–63 lowercase letters, digits or dashes. The one made from this name is taken."
              onChange={(e) => setSlug(e.target.value)} />
          )}
          <Button type="submit" busy={create.isPending}>Create organization</Button>
        </form>
      </Card>
    </div>
  );
}
