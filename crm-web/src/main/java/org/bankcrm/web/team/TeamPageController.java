package org.bankcrm.web.team;

import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.BasedOn;
import org.bankcrm.service.team.CommentService;
import org.bankcrm.service.team.TeamService;
import org.bankcrm.web.shared.Flashes;
import org.bankcrm.web.shared.Problems;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The opportunity page's team and thread (D44): adding and removing members, posting a comment, and the staff
 * picker's suggestions. Each change goes back to the opportunity page; bad input comes back as the section's
 * messages with what was typed kept.
 */
@Controller
@RequiredArgsConstructor
class TeamPageController {

    private final TeamService team;
    private final CommentService comments;
    private final Problems problems;

    /** What the add-member form sends, kept for the page when it is refused. */
    record MemberForm(String username, String role, Integer creditShare) implements java.io.Serializable {
    }

    @PostMapping("/opportunities/{id}/team")
    String add(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String username,
               @RequestParam(required = false) String role, @RequestParam(required = false) String creditShare,
               @RequestParam(required = false) String teamVersion, RedirectAttributes redirect) {
        Integer share = null;
        try {
            share = creditShare == null || creditShare.isBlank() ? null : Integer.valueOf(creditShare.strip());
        } catch (NumberFormatException e) {
            return refused(redirect, "teamErrors", new InvalidInputException("creditShare", "team.share.range"),
                    "teamForm", new MemberForm(username, role, null), id, "team-card");
        }
        try {
            team.add(user, id, new TeamService.AddMember(username, role, share), BasedOn.field(teamVersion));
            redirect.addFlashAttribute("flash", "team.added");
        } catch (InvalidInputException e) {
            return refused(redirect, "teamErrors", e, "teamForm", new MemberForm(username, role, share), id,
                    "team-card");
        } catch (ConflictException e) {
            // closed, or the team changed, since the page was shown: the page as it is now, with what was typed
            Flashes.error(redirect, e);
            redirect.addFlashAttribute("teamForm", new MemberForm(username, role, share));
        }
        return "redirect:/opportunities/" + id + "#team-card";
    }

    @PostMapping("/opportunities/{id}/team/{username}/remove")
    String remove(CurrentUser user, @PathVariable long id, @PathVariable String username,
                  @RequestParam(required = false) String teamVersion, RedirectAttributes redirect) {
        try {
            team.remove(user, id, username, BasedOn.field(teamVersion));
            redirect.addFlashAttribute("flash", "team.removed");
        } catch (ConflictException e) {
            Flashes.error(redirect, e);
        }
        return "redirect:/opportunities/" + id + "#team-card";
    }

    @PostMapping("/opportunities/{id}/comments")
    String comment(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String text,
                   RedirectAttributes redirect) {
        try {
            comments.post(user, id, text);
            redirect.addFlashAttribute("flash", "comment.posted");
        } catch (InvalidInputException e) {
            return refused(redirect, "commentErrors", e, "commentText", text, id, "comments-card");
        }
        return "redirect:/opportunities/" + id + "#comments-card";
    }

    /** The staff picker's suggestions: staff of any branch who may join a team, by name or login. */
    @GetMapping("/opportunities/team/suggestions")
    String suggestions(CurrentUser user, @RequestParam(required = false) String q, Model model) {
        model.addAttribute("q", q == null ? "" : q.strip());
        model.addAttribute("candidates", team.candidates(user, q));
        return "opportunities/team :: suggestions";
    }

    private String refused(RedirectAttributes redirect, String errorsName, InvalidInputException e, String keptName,
                           Object kept, long id, String anchor) {
        List<String> texts = e.errors().stream()
                .map(f -> problems.text(f.messageKey(), f.args(), f.messageKey())).toList();
        redirect.addFlashAttribute(errorsName, texts);
        if (kept != null) {
            redirect.addFlashAttribute(keptName, kept);
        }
        return "redirect:/opportunities/" + id + "#" + anchor;
    }
}
