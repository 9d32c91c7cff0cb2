package org.bankcrm.web.customer;

import java.math.BigDecimal;
import java.time.LocalDate;
import lombok.Data;
import org.bankcrm.domain.customer.CompanySize;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.service.customer.CustomerService.NewCustomer;
import org.bankcrm.service.shared.Texts;
import org.springframework.format.annotation.DateTimeFormat;

/** The new-customer form, as the browser posts it. */
@Data
public class CustomerForm {

    private String customerNo;
    private CustomerType type = CustomerType.RETAIL;
    private String name;
    private String idNo;
    private String phone;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate birthDate;
    private String employerNo;
    private String industry;
    private CompanySize companySize;
    private String branchCode;
    private String ownerRm;
    private BigDecimal aum;
    private BigDecimal annualContribution;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate lastTxnOn;

    NewCustomer toCommand() {
        return new NewCustomer(customerNo, type, name, Texts.clean(idNo), Texts.clean(phone), birthDate,
                Texts.clean(employerNo), Texts.clean(industry), companySize, branchCode, Texts.clean(ownerRm), aum,
                annualContribution, lastTxnOn);
    }
}
