package org.bankcrm.web.complaint;

import java.net.URI;
import java.time.LocalDate;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.complaint.ComplaintService;
import org.bankcrm.service.complaint.ComplaintService.NewComplaint;
import org.bankcrm.service.complaint.ComplaintService.Resolution;
import org.bankcrm.service.complaint.ComplaintView;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Paged;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Complaints (D46): register, resolve, and the list in the caller's scope. */
@RestController
@RequestMapping("/api/v1/complaints")
@RequiredArgsConstructor
class ComplaintApiController {

    /** A complaint as the contract has it, plus its text (masked), overdue flag and version. */
    record ComplaintJson(long id, String customerNo, String category, String status, LocalDate receivedOn,
                         LocalDate dueOn, LocalDate resolvedOn, String resolution, String ownerRm, String text,
                         boolean overdue, int version) {

        static ComplaintJson of(ComplaintView k) {
            return new ComplaintJson(k.id(), k.customerNo(), k.category().name(), k.status(), k.receivedOn(),
                    k.dueOn(), k.resolvedOn(), k.resolution(), k.ownerRm(), k.text(), k.overdue(), k.version());
        }
    }

    private final ComplaintService complaints;

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PostMapping
    ResponseEntity<ComplaintJson> register(CurrentUser user, @RequestBody NewComplaint body) {
        ComplaintView k = complaints.register(user, body);
        return ResponseEntity.created(URI.create("/api/v1/complaints/" + k.id())).body(ComplaintJson.of(k));
    }

    @GetMapping("/{id}")
    ComplaintJson get(CurrentUser user, @PathVariable long id) {
        return ComplaintJson.of(complaints.find(user, id));
    }

    @PostMapping("/{id}/resolve")
    ComplaintJson resolve(CurrentUser user, @PathVariable long id, @RequestBody Resolution body) {
        return ComplaintJson.of(complaints.resolve(user, id, body));
    }

    @GetMapping
    Paged<ComplaintJson> list(CurrentUser user, @RequestParam(required = false) String status,
                              @RequestParam(required = false) Boolean overdue,
                              @RequestParam(required = false) String branch,
                              @RequestParam(required = false) String owner,
                              @RequestParam(required = false) Integer page,
                              @RequestParam(required = false) Integer size) {
        Paged<ComplaintView> p = complaints.list(user, status, overdue, branch, owner, page, size);
        return p.map(ComplaintJson::of);
    }
}
