package org.bankcrm.service.team;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.service.alert.NotificationStore;
import org.bankcrm.service.opportunity.OpportunityService;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The discussion thread on an opportunity (D44): read by whoever sees it, written by its scope and its team. An
 * {@code @username} of someone who may see the opportunity (owner, members, heads of its branch path, admins)
 * notifies them (a MENTION); any other mention notifies nobody and grants nothing. Texts are shown with phone and
 * ID-like numbers masked.
 */
@Service
@RequiredArgsConstructor
public class CommentService {

    /** The longest comment, in characters. */
    public static final int MAX_LENGTH = 2000;

    private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_.-])@([A-Za-z0-9_.-]{2,50})");

    private final OpportunityService opportunities;
    private final TeamStore store;
    private final NotificationStore notifications;
    private final org.bankcrm.service.org.PersonQueries persons;
    private final Clock clock;

    /** The comments, oldest first. */
    @Transactional(readOnly = true)
    public List<TeamViews.Comment> list(CurrentUser user, long opportunityId) {
        List<TeamViews.Comment> all = store.comments(opportunities.find(user, opportunityId).getId());
        Map<String, String> names = persons.displayNames(all.stream().flatMap(c -> c.mentions().stream()).toList());
        return all.stream().map(c -> masked(c, names)).toList();
    }

    /** Whether the caller may comment on this opportunity (what the page offers). */
    @Transactional(readOnly = true)
    public boolean mayComment(CurrentUser user, long opportunityId) {
        Opportunity o = opportunities.find(user, opportunityId);
        return AccessPolicy.mayContribute(user, opportunities.access(user, o));
    }

    /** Those who may be mentioned on the opportunity (who may see it), for the autocomplete. */
    @Transactional(readOnly = true)
    public List<TeamViews.Person> mentionable(CurrentUser user, long opportunityId) {
        return store.viewers(opportunities.find(user, opportunityId).getId());
    }

    @Transactional
    public TeamViews.Comment post(CurrentUser user, long opportunityId, String text) {
        Opportunity o = opportunities.find(user, opportunityId);
        AccessPolicy.requireMayContribute(user, opportunities.access(user, o));
        String t = text == null ? null : text.strip();
        if (t == null || t.isEmpty()) {
            throw new InvalidInputException("text", "validation.required");
        }
        if (t.length() > MAX_LENGTH) {
            throw new InvalidInputException("text", "team.comment.tooLong", String.valueOf(MAX_LENGTH));
        }
        Map<String, TeamViews.Person> viewers = store.viewers(o.getId()).stream()
                .collect(Collectors.toMap(TeamViews.Person::username, Function.identity()));
        Set<String> mentioned = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(t);
        while (m.find()) {
            String name = m.group(1);
            // A trailing full stop ends the sentence, not the name.
            while (name.endsWith(".")) {
                name = name.substring(0, name.length() - 1);
            }
            if (viewers.containsKey(name) && !name.equals(user.username())) {
                mentioned.add(name);
            }
        }
        var now = clock.instant();
        List<String> notified = List.copyOf(mentioned);
        long id = store.comment(o.getId(), user.id(), now, t, notified);
        for (String name : notified) {
            notifications.mention(viewers.get(name).id(), o.getId(), user.displayName(), o.getTitle(),
                    "/opportunities/" + o.getId() + "#comment-" + id);
        }
        Map<String, String> names = notified.stream()
                .collect(Collectors.toMap(Function.identity(), n -> viewers.get(n).displayName()));
        return masked(new TeamViews.Comment(id, user.username(), user.displayName(), now, t, notified, null), names);
    }

    /** Numbers masked; for pages, each notified {@code @login} shown as {@code @display name}. */
    private static TeamViews.Comment masked(TeamViews.Comment c, Map<String, String> names) {
        String text = Masking.inText(c.text());
        String shown = text;
        for (String login : c.mentions()) {
            String name = names.get(login);
            if (name != null) {
                shown = shown.replaceAll("(?<![A-Za-z0-9_.-])@" + Pattern.quote(login) + "(?![A-Za-z0-9_-])",
                        Matcher.quoteReplacement("@" + name));
            }
        }
        return new TeamViews.Comment(c.id(), c.by(), c.byName(), c.at(), text, c.mentions(), shown);
    }
}
