package org.bankcrm.web.shared;

import org.bankcrm.domain.shared.CrmException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A refusal shown on the page a redirect leads to (the layout's red line): its message key and, when the refusal
 * names anything (the complaint's number, a limit), its arguments, so that the line reads as the API's answer does.
 */
public final class Flashes {

    private Flashes() {
    }

    public static void error(RedirectAttributes redirect, CrmException e) {
        redirect.addFlashAttribute("flashError", e.messageKey());
        Object[] args = e.args();
        if (args.length > 0) {
            redirect.addFlashAttribute("flashErrorArgs", args);
        }
    }
}
