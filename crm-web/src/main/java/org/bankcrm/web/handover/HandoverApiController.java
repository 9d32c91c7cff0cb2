package org.bankcrm.web.handover;

import lombok.RequiredArgsConstructor;
import org.bankcrm.service.handover.HandoverService;
import org.bankcrm.service.handover.HandoverService.Book;
import org.bankcrm.service.handover.HandoverService.Handover;
import org.bankcrm.service.handover.HandoverService.Result;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Book handovers in the JSON API (heads for their subtree, admins). */
@RestController
@RequestMapping("/api/v1/handovers")
@RequiredArgsConstructor
class HandoverApiController {

    private final HandoverService handovers;

    /** {@code {fromRm, toRms: [...]}}: moves the book, one transaction. */
    @PostMapping
    Result handOver(CurrentUser user, @RequestBody(required = false) Handover body) {
        return handovers.handOver(user, body == null ? new Handover(null, null) : body);
    }

    /** The same body: what would move, to whom; changes nothing. */
    @PostMapping("/preview")
    Result preview(CurrentUser user, @RequestBody(required = false) Handover body) {
        return handovers.preview(user, body == null ? new Handover(null, null) : body);
    }

    /** The RM's book before the split. */
    @GetMapping("/book")
    Book book(CurrentUser user, @RequestParam(required = false) String rm) {
        return handovers.book(user, rm);
    }
}
