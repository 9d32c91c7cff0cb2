package org.bankcrm.web.campaign;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.campaign.CampaignService;
import org.bankcrm.service.campaign.CampaignService.CampaignInput;
import org.bankcrm.service.campaign.CampaignService.OutcomeInput;
import org.bankcrm.service.campaign.CampaignService.TargetQuery;
import org.bankcrm.service.campaign.CampaignViews.CampaignFunnel;
import org.bankcrm.service.campaign.CampaignViews.CampaignView;
import org.bankcrm.service.campaign.CampaignViews.Preview;
import org.bankcrm.service.campaign.CampaignViews.TargetView;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Paged;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Campaigns (名单制营销) in the JSON API (docs/api.md, "Campaigns"). */
@RestController
@RequestMapping("/api/v1/campaigns")
@RequiredArgsConstructor
class CampaignApiController {

    /** {@code {"name", "productCode", "segmentId" | "customerNos", "startsOn", "endsOn", "cost", "script"}}. */
    record CampaignBody(String name, String productCode, Long segmentId, List<String> customerNos,
                        LocalDate startsOn, LocalDate endsOn, BigDecimal cost, String script) {

        CampaignInput input() {
            return new CampaignInput(name, productCode, segmentId, customerNos, startsOn, endsOn, cost, script);
        }
    }

    /** A draft's change: the fields of a create and {@code "version"}, the draft's as read. */
    record DraftBody(String name, String productCode, Long segmentId, List<String> customerNos,
                     LocalDate startsOn, LocalDate endsOn, BigDecimal cost, String script, Integer version) {

        CampaignInput input() {
            return new CampaignInput(name, productCode, segmentId, customerNos, startsOn, endsOn, cost, script);
        }
    }

    /** {@code {"outcome", "note", "amount", "expectedCloseDate", "followUpType"}}. */
    record OutcomeBody(String outcome, String note, BigDecimal amount, LocalDate expectedCloseDate,
                       String followUpType, Integer version) {
    }

    /** {@code {"ownerRm"}}. */
    record AssignBody(String ownerRm) {
    }

    private final CampaignService campaigns;

    @GetMapping
    Paged<CampaignView> list(CurrentUser user, @RequestParam(required = false) Integer page,
                             @RequestParam(required = false) Integer size) {
        return campaigns.list(user, page, size);
    }

    @GetMapping("/{id}")
    CampaignView get(CurrentUser user, @PathVariable long id) {
        return campaigns.get(user, id);
    }

    /** The campaign with its funnel by RM and by branch. */
    @GetMapping("/{id}/funnel")
    CampaignFunnel funnel(CurrentUser user, @PathVariable long id) {
        return campaigns.funnel(user, id);
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PostMapping
    ResponseEntity<CampaignView> create(CurrentUser user, @RequestBody CampaignBody body) {
        CampaignView created = campaigns.create(user, body.input());
        return ResponseEntity.created(URI.create("/api/v1/campaigns/" + created.id())).body(created);
    }

    /** Changes a draft, with the version read ({@code 409} once launched or ended, or changed since). */
    @PutMapping("/{id}")
    CampaignView update(CurrentUser user, @PathVariable long id, @RequestBody DraftBody body) {
        return campaigns.update(user, id, body.input(), body.version());
    }

    /** Deletes a draft ({@code 409} once launched or ended: a running campaign is ended instead). */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(CurrentUser user, @PathVariable long id,
                                @RequestParam(required = false) Integer version) {
        campaigns.delete(user, id, version);
        return ResponseEntity.noContent().build();
    }

    /** The size and exclusions of a list not saved yet: the body of a create → {@code {"customers", "excluded"}}. */
    @PostMapping("/preview")
    Preview preview(CurrentUser user, @RequestBody CampaignBody body) {
        return campaigns.preview(user, body.input());
    }

    @PostMapping("/{id}/launch")
    CampaignView launch(CurrentUser user, @PathVariable long id) {
        return campaigns.launch(user, id);
    }

    @PostMapping("/{id}/end")
    CampaignView end(CurrentUser user, @PathVariable long id) {
        return campaigns.end(user, id);
    }

    @GetMapping("/{id}/targets")
    Paged<TargetView> targets(CurrentUser user, @PathVariable long id,
                              @RequestParam(required = false) String outcome,
                              @RequestParam(required = false) String owner,
                              @RequestParam(required = false) String branch,
                              @RequestParam(required = false) String figure,
                              @RequestParam(defaultValue = "false") boolean queued,
                              @RequestParam(required = false) Integer page,
                              @RequestParam(required = false) Integer size) {
        return campaigns.targets(user, id, new TargetQuery(outcome, owner, branch, figure, queued, page, size));
    }

    @PostMapping("/{id}/targets/{customerNo}")
    TargetView record(CurrentUser user, @PathVariable long id, @PathVariable String customerNo,
                      @RequestBody OutcomeBody body) {
        return campaigns.record(user, id, customerNo, new OutcomeInput(body.outcome(), body.note(), body.amount(),
                body.expectedCloseDate(), body.followUpType(), body.version()));
    }

    /** Assigns a target of the branch queue to an RM (heads and admins). */
    @PostMapping("/{id}/targets/{customerNo}/assign")
    TargetView assign(CurrentUser user, @PathVariable long id, @PathVariable String customerNo,
                      @RequestBody AssignBody body) {
        return campaigns.assign(user, id, customerNo, body.ownerRm());
    }
}
