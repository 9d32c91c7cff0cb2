package org.bankcrm.web.team;

import java.net.URI;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.BasedOn;
import org.bankcrm.service.team.CommentService;
import org.bankcrm.service.team.TeamService;
import org.bankcrm.service.team.TeamViews;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/opportunities/{id}/team} and {@code .../comments} (D44). */
@RestController
@RequestMapping("/api/v1/opportunities/{id}")
@RequiredArgsConstructor
class TeamApiController {

    private final TeamService team;
    private final CommentService comments;

    /** A member to add: {@code {"username", "role", "creditShare"?}}. */
    record MemberBody(String username, String role, Integer creditShare) {
    }

    /** A comment: {@code {"text"}}. */
    record CommentBody(String text) {
    }

    /** A team line as the contract has it, with the person's name and branch besides. */
    record MemberJson(String username, String displayName, String branchCode, String role, int creditShare) {
        static MemberJson of(TeamViews.Member m) {
            return new MemberJson(m.username(), m.displayName(), m.branchCode(), m.role(), m.creditShare());
        }
    }

    /** A comment as the contract has it. */
    record CommentJson(long id, String by, java.time.Instant at, String text, List<String> mentions) {
        static CommentJson of(TeamViews.Comment c) {
            return new CommentJson(c.id(), c.by(), c.at(), c.text(), c.mentions());
        }
    }

    /** The team, with its version as the {@code ETag} (a change sends it back as {@code If-Match}). */
    @GetMapping("/team")
    ResponseEntity<List<MemberJson>> team(CurrentUser user, @PathVariable long id) {
        return withVersion(ResponseEntity.ok(), team.team(user, id));
    }

    /** Adds a member or changes one; with {@code If-Match}, a team changed since is a 409 ({@code team.stale}). */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PostMapping("/team")
    ResponseEntity<List<MemberJson>> add(CurrentUser user, @PathVariable long id, @RequestBody MemberBody body,
                                         @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        var result = team.add(user, id, new TeamService.AddMember(body.username(), body.role(), body.creditShare()),
                BasedOn.ifMatch(ifMatch));
        return withVersion(ResponseEntity.created(URI.create("/api/v1/opportunities/" + id + "/team")), result);
    }

    /** Removes a member; {@code If-Match} as for {@link #add}. */
    @DeleteMapping("/team/{username}")
    ResponseEntity<List<MemberJson>> remove(CurrentUser user, @PathVariable long id, @PathVariable String username,
                                            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return withVersion(ResponseEntity.ok(), team.remove(user, id, username, BasedOn.ifMatch(ifMatch)));
    }

    private static ResponseEntity<List<MemberJson>> withVersion(ResponseEntity.BodyBuilder answer,
                                                                List<TeamViews.Member> members) {
        return answer.eTag(TeamService.version(members)).body(members.stream().map(MemberJson::of).toList());
    }

    @GetMapping("/comments")
    List<CommentJson> comments(CurrentUser user, @PathVariable long id) {
        return comments.list(user, id).stream().map(CommentJson::of).toList();
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PostMapping("/comments")
    ResponseEntity<CommentJson> comment(CurrentUser user, @PathVariable long id, @RequestBody CommentBody body) {
        var created = comments.post(user, id, body.text());
        return ResponseEntity.created(URI.create("/api/v1/opportunities/" + id + "/comments"))
                .body(CommentJson.of(created));
    }
}
