package org.bankcrm.service.org;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.org.Branch;
import org.bankcrm.domain.org.BranchRepository;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.shared.CommandValidator;
import org.bankcrm.service.shared.Texts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The branch tree: admins add branches; everyone may list what their scope covers. */
@Service
@RequiredArgsConstructor
public class BranchService {

    /** A new branch under an existing one. */
    public record NewBranch(
            @NotBlank(message = "{validation.required}")
            @Pattern(regexp = "[A-Za-z0-9_-]{1,32}", message = "{validation.code.format}") String code,
            @NotBlank(message = "{validation.required}")
            @Size(max = 100, message = "{validation.size.max}") String name,
            @NotBlank(message = "{validation.required}") String parentCode) {
    }

    /** A branch as lists show it. */
    public record BranchView(long id, String code, String name, String parentCode, String path, int depth,
                             boolean enabled) {

        static BranchView of(Branch b) {
            return new BranchView(b.getId(), b.getCode(), b.getName(),
                    b.getParent() == null ? null : b.getParent().getCode(), b.getPath(), b.depth(), b.isEnabled());
        }
    }

    private final BranchRepository branches;
    private final CommandValidator validator;
    private final AuditLog audit;

    @Transactional
    public BranchView create(CurrentUser actor, NewBranch cmd) {
        AccessPolicy.requireAdmin(actor);
        validator.check(cmd);
        String code = cmd.code().strip();
        if (branches.existsByCode(code)) {
            throw new InvalidInputException("code", "branch.code.taken", code);
        }
        Branch parent = branches.findByCode(cmd.parentCode().strip())
                .orElseThrow(() -> new InvalidInputException("parentCode", "branch.unknown", cmd.parentCode()));
        Branch saved = branches.save(Branch.under(parent, code, Texts.clean(cmd.name())));
        audit.record(actor.username(), "BRANCH_CREATED", "branch", code, "parent=" + parent.getCode());
        return BranchView.of(saved);
    }

    /** Every branch, parents before children (admins). */
    @Transactional(readOnly = true)
    public List<BranchView> all(CurrentUser actor) {
        AccessPolicy.requireAdmin(actor);
        return branches.findAllByOrderByPath().stream().map(BranchView::of).toList();
    }

    /** The branches the user's scope covers: the whole tree for admins, the subtree for heads, their own otherwise. */
    @Transactional(readOnly = true)
    public List<BranchView> visible(CurrentUser user) {
        List<Branch> list = AccessPolicy.supervises(user)
                ? branches.findByPathStartingWithOrderByPath(AccessPolicy.workingSubtree(user))
                : branches.findById(user.branchId()).stream().toList();
        return list.stream().map(BranchView::of).toList();
    }
}
