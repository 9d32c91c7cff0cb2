package org.bankcrm.service.dashboard;

import lombok.RequiredArgsConstructor;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Every export is audited: who, what (the list or the dashboard, its selection), when, how many rows. */
@Service
@RequiredArgsConstructor
public class ExportLog {

    private final AuditLog audit;

    @Transactional
    public void exported(CurrentUser user, String what, String format, long rows, String selection) {
        String detail = "format=" + format + " rows=" + rows + " " + selection;
        audit.record(user.username(), "EXPORT", "dashboard", what,
                detail.length() > 4000 ? detail.substring(0, 4000) : detail);
    }
}
