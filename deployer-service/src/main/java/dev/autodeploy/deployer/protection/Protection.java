package dev.autodeploy.deployer.protection;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.autodeploy.support.membership.Role;

/**
 * One environment's protection rules, checked: which branches may be deployed ({@link BranchPatterns}; none
 * listed: any), the role it takes to deploy, how many approvals by whom a deployment waits for and how long, and
 * when deployments are frozen (absolute windows and weekly ones), rollbacks excepted when allowed.
 */
record Protection(List<String> allowedBranches, Role deployRole, int requiredApprovals, Role approverRole,
        Duration approvalTimeout, List<ProtectionApi.FreezeWindow> freezeWindows,
        List<ProtectionApi.RecurringFreezeWindow> recurringFreezeWindows, boolean allowRollbackDuringFreeze) {

    static final Protection DEFAULT = new Protection(List.of(), Role.DEVELOPER, 0, Role.ADMIN, Duration.ofHours(24),
            List.of(), List.of(), true);
    private static final int MAX_PATTERNS = 50;
    private static final int MAX_WINDOWS = 100;
    private static final int MAX_REASON = 200;
    private static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration MAX_TIMEOUT = Duration.ofDays(30);
    private static final Set<Role> ROLES = EnumSet.of(Role.OWNER, Role.ADMIN, Role.DEVELOPER);

    Protection {
        allowedBranches = List.copyOf(allowedBranches);
        freezeWindows = List.copyOf(freezeWindows);
        recurringFreezeWindows = List.copyOf(recurringFreezeWindows);
    }

    /** The settings as rules; {@link ProtectionProblems.InvalidProtection} listing everything wrong. */
    static Protection of(ProtectionApi.ProtectionSettings settings) {
        List<String> errors = new ArrayList<>();
        List<String> branches = new ArrayList<>(new LinkedHashSet<>(orEmpty(settings.allowedBranches())));
        if (branches.size() > MAX_PATTERNS) {
            errors.add("allowedBranches: at most " + MAX_PATTERNS + " patterns");
        }
        branches.forEach(pattern -> BranchPatterns.problem(pattern).ifPresent(p -> errors.add("allowedBranches: " + p)));
        Role deployRole = role("deployRole", settings.deployRole(), DEFAULT.deployRole(), errors);
        Role approverRole = role("approverRole", settings.approverRole(), DEFAULT.approverRole(), errors);
        int approvals = settings.requiredApprovals() == null ? 0 : settings.requiredApprovals();
        if (approvals < 0 || approvals > 10) {
            errors.add("requiredApprovals: 0 (none) to 10");
        }
        Duration timeout = DEFAULT.approvalTimeout();
        if (settings.approvalTimeout() != null) {
            try {
                timeout = Duration.parse(settings.approvalTimeout());
                if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
                    errors.add("approvalTimeout: from PT1S to P30D");
                }
            }
            catch (DateTimeParseException ex) {
                errors.add("approvalTimeout: '" + settings.approvalTimeout() + "' is not an ISO-8601 duration"
                        + " (PT24H, P2D, PT30M)");
            }
        }
        List<ProtectionApi.FreezeWindow> windows = orEmpty(settings.freezeWindows());
        checkWindows(windows, errors);
        List<ProtectionApi.RecurringFreezeWindow> weekly = orEmpty(settings.recurringFreezeWindows());
        if (weekly.size() > MAX_WINDOWS) {
            errors.add("recurringFreezeWindows: at most " + MAX_WINDOWS);
        }
        List<ProtectionApi.RecurringFreezeWindow> normalized = new ArrayList<>();
        for (int i = 0; i < weekly.size(); i++) {
            normalized.add(checkWeekly("recurringFreezeWindows[" + i + "]", weekly.get(i), errors));
        }
        if (!errors.isEmpty()) {
            throw new ProtectionProblems.InvalidProtection(errors);
        }
        return new Protection(branches, deployRole, approvals, approverRole, timeout,
                windows.stream().sorted(Comparator.comparing(ProtectionApi.FreezeWindow::start)).toList(), normalized,
                settings.allowRollbackDuringFreeze() == null || settings.allowRollbackDuringFreeze());
    }

    boolean branchAllowed(String branch) {
        return allowedBranches.isEmpty() || BranchPatterns.anyMatches(allowedBranches, branch);
    }

    /** The freeze in force at {@code now} (the one lasting longest when several are), if any. */
    Optional<ProtectionApi.ActiveFreeze> freezeAt(Instant now) {
        List<ProtectionApi.ActiveFreeze> active = new ArrayList<>();
        for (ProtectionApi.FreezeWindow window : freezeWindows) {
            if (!now.isBefore(window.start()) && now.isBefore(window.end())) {
                active.add(new ProtectionApi.ActiveFreeze(window.end(), window.reason()));
            }
        }
        for (ProtectionApi.RecurringFreezeWindow window : recurringFreezeWindows) {
            weeklyEnd(window, now).ifPresent(end -> active.add(new ProtectionApi.ActiveFreeze(end, window.reason())));
        }
        return active.stream().max(Comparator.comparing(ProtectionApi.ActiveFreeze::until));
    }

    ProtectionApi.ProtectionView view(String environment, Instant now, java.util.UUID updatedBy, Instant updatedAt) {
        return new ProtectionApi.ProtectionView(environment, allowedBranches, deployRole.wire(), requiredApprovals,
                approverRole.wire(), approvalTimeout.toString(), freezeWindows, recurringFreezeWindows,
                allowRollbackDuringFreeze, freezeAt(now).orElse(null), updatedBy, updatedAt);
    }

    /** When the weekly window in force at {@code now} ends; empty when it is not in force. */
    static Optional<Instant> weeklyEnd(ProtectionApi.RecurringFreezeWindow window, Instant now) {
        ZoneId zone = ZoneId.of(window.zone());
        ZonedDateTime local = now.atZone(zone);
        LocalTime from = LocalTime.parse(window.from());
        LocalTime to = LocalTime.parse(window.to());
        LocalTime time = local.toLocalTime();
        LocalDate today = local.toLocalDate();
        Set<DayOfWeek> days = days(window.days());
        boolean todayFrozen = days.contains(today.getDayOfWeek());
        if (from.isBefore(to)) {
            return todayFrozen && !time.isBefore(from) && time.isBefore(to)
                    ? Optional.of(today.atTime(to).atZone(zone).toInstant()) : Optional.empty();
        }
        // Across midnight: from this day's evening to the next day's morning.
        if (todayFrozen && !time.isBefore(from)) {
            return Optional.of(today.plusDays(1).atTime(to).atZone(zone).toInstant());
        }
        if (days.contains(today.getDayOfWeek().minus(1)) && time.isBefore(to)) {
            return Optional.of(today.atTime(to).atZone(zone).toInstant());
        }
        return Optional.empty();
    }

    private static void checkWindows(List<ProtectionApi.FreezeWindow> windows, List<String> errors) {
        if (windows.size() > MAX_WINDOWS) {
            errors.add("freezeWindows: at most " + MAX_WINDOWS);
            return;
        }
        List<ProtectionApi.FreezeWindow> complete = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            ProtectionApi.FreezeWindow window = windows.get(i);
            String at = "freezeWindows[" + i + "]";
            if (window == null || window.start() == null || window.end() == null) {
                errors.add(at + ": start and end are required");
                continue;
            }
            if (!window.end().isAfter(window.start())) {
                errors.add(at + ": end must be after start");
                continue;
            }
            reason(at, window.reason(), errors);
            complete.add(window);
        }
        complete.sort(Comparator.comparing(ProtectionApi.FreezeWindow::start));
        for (int i = 1; i < complete.size(); i++) {
            if (complete.get(i).start().isBefore(complete.get(i - 1).end())) {
                errors.add("freezeWindows: the window from " + complete.get(i).start() + " overlaps the one from "
                        + complete.get(i - 1).start() + " (make them one)");
            }
        }
    }

    private static ProtectionApi.RecurringFreezeWindow checkWeekly(String at, ProtectionApi.RecurringFreezeWindow window,
            List<String> errors) {
        if (window == null) {
            errors.add(at + ": a window is required");
            return null;
        }
        List<String> days = new ArrayList<>();
        if (window.days() == null || window.days().isEmpty()) {
            errors.add(at + ": days (MON to SUN) are required");
        }
        else {
            for (String day : window.days()) {
                Optional<DayOfWeek> parsed = day(day);
                if (parsed.isEmpty()) {
                    errors.add(at + ": '" + day + "' is not a day (MON, TUE, WED, THU, FRI, SAT, SUN)");
                }
                else if (!days.contains(abbreviation(parsed.get()))) {
                    days.add(abbreviation(parsed.get()));
                }
            }
        }
        LocalTime from = time(at + ".from", window.from(), errors);
        LocalTime to = time(at + ".to", window.to(), errors);
        if (from != null && from.equals(to)) {
            errors.add(at + ": from and to must differ");
        }
        String zone = window.zone() == null ? "UTC" : window.zone();
        try {
            ZoneId.of(zone);
        }
        catch (DateTimeException ex) {
            errors.add(at + ": '" + zone + "' is not a time zone (Europe/Berlin, UTC)");
        }
        reason(at, window.reason(), errors);
        return new ProtectionApi.RecurringFreezeWindow(days, window.from(), window.to(), zone, window.reason());
    }

    private static LocalTime time(String at, String value, List<String> errors) {
        if (value == null || !value.matches("\\d{2}:\\d{2}")) {
            errors.add(at + ": a time HH:mm is required");
            return null;
        }
        try {
            return LocalTime.parse(value);
        }
        catch (DateTimeParseException ex) {
            errors.add(at + ": '" + value + "' is not a time HH:mm");
            return null;
        }
    }

    private static void reason(String at, String reason, List<String> errors) {
        if (reason != null && reason.length() > MAX_REASON) {
            errors.add(at + ": reason is limited to " + MAX_REASON + " characters");
        }
    }

    private static Role role(String field, String value, Role fallback, List<String> errors) {
        if (value == null) {
            return fallback;
        }
        Optional<Role> role = Role.fromWire(value.toLowerCase(Locale.ROOT)).filter(ROLES::contains);
        if (role.isEmpty()) {
            errors.add(field + ": '" + value + "' is not one of owner, admin, developer");
            return fallback;
        }
        return role.get();
    }

    private static Set<DayOfWeek> days(List<String> names) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        names.forEach(name -> day(name).ifPresent(days::add));
        return days;
    }

    private static Optional<DayOfWeek> day(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String upper = name.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equals(upper) || abbreviation(day).equals(upper)) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }

    private static String abbreviation(DayOfWeek day) {
        return day.name().substring(0, 3);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
