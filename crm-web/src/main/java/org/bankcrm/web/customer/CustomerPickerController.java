package org.bankcrm.web.customer;

import lombok.RequiredArgsConstructor;
import org.bankcrm.service.customer.CustomerSearch;
import org.bankcrm.service.customer.CustomerSearch.Reach;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The suggestions of every customer picker (D40): a small HTML fragment that {@code app.js} puts into the picker's
 * list; the picker's field works without it (it takes a customer number, which the form's service checks).
 */
@Controller
@RequiredArgsConstructor
class CustomerPickerController {

    private final CustomerSearch search;

    /**
     * @param reach SCOPE (default): the user's customers with tier and masked phone; REFERRAL: the branch subtree's
     *              customers for the referral form, without personal data
     */
    @GetMapping("/customers/suggestions")
    String suggestions(CurrentUser user, @RequestParam(required = false) String q,
                       @RequestParam(defaultValue = "SCOPE") Reach reach, Model model) {
        model.addAttribute("result", search.suggest(user, q, reach));
        model.addAttribute("limit", CustomerSearch.LIMIT);
        // the referral reach shows nobody's owner: no owner line, rather than "unassigned" for every customer
        model.addAttribute("reach", reach.name());
        return "fragments/picker :: suggestions";
    }
}
