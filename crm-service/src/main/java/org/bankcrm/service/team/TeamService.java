package org.bankcrm.service.team;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.opportunity.HistoryEvent;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.opportunity.TeamRole;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.opportunity.OpportunityService;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.BasedOn;
import org.bankcrm.service.shared.Texts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An opportunity's team (D44): read by whoever sees the opportunity; members added, changed and removed by its
 * scope (owner, heads of its branch path, admins). Each change leaves a history line and an audit entry; the
 * members' shares never sum over 100 (the owner holds the rest). The team has a version, a digest of its lines
 * ({@link #version}): a change that names the version it was made from is refused (409, {@code team.stale}) when
 * someone changed the team since, so that two heads changing one member from the same view do not overwrite each
 * other (D85).
 */
@Service
@RequiredArgsConstructor
public class TeamService {

    /** A member to add, or an existing member's new role and share. */
    public record AddMember(String username, String role, Integer creditShare) {
    }

    private final OpportunityService opportunities;
    private final TeamStore store;
    private final AuditLog audit;
    private final Clock clock;

    /** The team: the owner first, then the members. */
    @Transactional(readOnly = true)
    public List<TeamViews.Member> team(CurrentUser user, long opportunityId) {
        return store.team(opportunities.find(user, opportunityId).getId());
    }

    /** The version of a team as {@link #team} answers it: a digest of its lines, the owner's included. */
    public static String version(List<TeamViews.Member> team) {
        return BasedOn.digest(team.stream().map(m -> m.username() + " " + m.role() + " " + m.creditShare())
                .collect(Collectors.joining(";")));
    }

    /** Locks the opportunity (open, or 409) and refuses a change made from a team that has changed since. */
    private void lockOpen(Opportunity o, BasedOn basedOn) {
        if (!store.lockOpen(o.getId())) {
            throw new ConflictException("opportunity.closed.readOnly");
        }
        if (!basedOn.versions().isEmpty()) {
            basedOn.check(version(store.team(o.getId())), "team.stale");
        }
    }

    /** Whether the caller may add and remove members of this opportunity's team (what the page offers). */
    @Transactional(readOnly = true)
    public boolean mayManage(CurrentUser user, long opportunityId) {
        Opportunity o = opportunities.find(user, opportunityId);
        return AccessPolicy.mayManageTeam(user, opportunities.access(user, o));
    }

    /**
     * Adds a member, or changes an existing member's role and share; answers the team. Refused (400, nothing
     * changed) for an unknown or disabled user, the owner, a referrer or risk officer, a role other than CO_OWNER or
     * SUPPORT, a share outside 0–100 or one that takes the members' sum over 100; refused (409) on a closed
     * opportunity, whose team and credit shares stay as they closed (the incentives' figures) until it is reopened,
     * and (409) when {@code basedOn} names a version the team no longer has.
     */
    @Transactional
    public List<TeamViews.Member> add(CurrentUser user, long opportunityId, AddMember cmd, BasedOn basedOn) {
        Opportunity o = opportunities.find(user, opportunityId);
        AccessPolicy.requireMayManageTeam(user, opportunities.access(user, o));
        lockOpen(o, basedOn);
        List<FieldError> errors = new ArrayList<>();
        String username = Texts.clean(cmd.username());
        TeamStore.Staff staff = null;
        if (username == null) {
            errors.add(new FieldError("username", "validation.required"));
        } else {
            staff = store.staff(username).filter(TeamStore.Staff::enabled).orElse(null);
            if (staff == null) {
                errors.add(new FieldError("username", "team.member.unknown", username));
            } else if (o.getOwner() != null && o.getOwner().getId() == staff.id()) {
                errors.add(new FieldError("username", "team.member.owner", username));
            } else if (!AccessPolicy.mayJoinTeams(Role.valueOf(staff.role()))) {
                errors.add(new FieldError("username", "team.member.role", username));
            }
        }
        TeamRole role = role(cmd.role(), errors);
        int share = cmd.creditShare() == null ? 0 : cmd.creditShare();
        if (share < 0 || share > 100) {
            errors.add(new FieldError("creditShare", "team.share.range"));
        } else if (staff != null && store.othersShare(o.getId(), staff.id()) + share > 100) {
            errors.add(new FieldError("creditShare", "team.share.over",
                    String.valueOf(100 - store.othersShare(o.getId(), staff.id()))));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String before = store.membership(o.getId(), staff.id()).orElse(null);
        String after = role.name() + " " + share;
        if (!after.equals(before)) {
            var now = clock.instant();
            store.upsert(o.getId(), staff.id(), role.name(), share, user.id(), now);
            store.history(o.getId(), user.id(), now, HistoryEvent.MEMBER_ADDED, null, staff.username(), after);
            audit.record(user.username(), "TEAM_MEMBER_ADDED", "opportunity", String.valueOf(o.getId()),
                    staff.username() + " " + after);
        }
        return store.team(o.getId());
    }

    /**
     * Removes a member; their access ends with this transaction. An unknown or non-member username is not found; a
     * closed opportunity's team, or one changed since the version {@code basedOn} names, is not changed (409), as for
     * {@link #add}.
     */
    @Transactional
    public List<TeamViews.Member> remove(CurrentUser user, long opportunityId, String username, BasedOn basedOn) {
        Opportunity o = opportunities.find(user, opportunityId);
        AccessPolicy.requireMayManageTeam(user, opportunities.access(user, o));
        lockOpen(o, basedOn);
        TeamStore.Staff staff = store.staff(Texts.clean(username) == null ? "" : username.strip())
                .orElseThrow(() -> new org.bankcrm.domain.shared.NotFoundException("team.member.notFound", username));
        String before = store.membership(o.getId(), staff.id()).orElse(null);
        if (before == null || !store.remove(o.getId(), staff.id())) {
            throw new org.bankcrm.domain.shared.NotFoundException("team.member.notFound", username);
        }
        store.history(o.getId(), user.id(), clock.instant(), HistoryEvent.MEMBER_REMOVED, staff.username(), null,
                before);
        audit.record(user.username(), "TEAM_MEMBER_REMOVED", "opportunity", String.valueOf(o.getId()),
                staff.username());
        return store.team(o.getId());
    }

    /** Staff who may join a team, by a part of their name or login (2 characters at least), across branches. */
    @Transactional(readOnly = true)
    public List<TeamViews.Candidate> candidates(CurrentUser user, String q) {
        AccessPolicy.requireMayWorkOnRecords(user);
        String wanted = Texts.clean(q);
        if (wanted == null || wanted.length() < 2) {
            return List.of();
        }
        return store.candidates(wanted.length() > 50 ? wanted.substring(0, 50) : wanted, 20);
    }

    private static TeamRole role(String role, List<FieldError> errors) {
        String r = Texts.clean(role);
        if (r == null) {
            errors.add(new FieldError("role", "validation.required"));
            return null;
        }
        try {
            return TeamRole.valueOf(r.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("role", "team.role.invalid", r));
            return null;
        }
    }
}
