package org.bankcrm.web.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Client addresses as the audit page shows them: IPv4 where the address is IPv4, whatever its notation. */
class AuditTextTest {

    @Test
    void anIpv4MappedAddressIsShownAsIpv4() {
        assertThat(AuditText.address("::ffff:10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(AuditText.address("0:0:0:0:0:ffff:a01:203")).isEqualTo("10.1.2.3");
        assertThat(AuditText.address("::FFFF:192.0.2.7")).isEqualTo("192.0.2.7");
    }

    @Test
    void otherAddressesAreShownAsRecorded() {
        assertThat(AuditText.address("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(AuditText.address("2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(AuditText.address("::1")).isEqualTo("::1");
        assertThat(AuditText.address("not:an:address:zz")).isEqualTo("not:an:address:zz");
        assertThat(AuditText.address("host.example")).isEqualTo("host.example");
        assertThat(AuditText.address(null)).isNull();
        assertThat(AuditText.address("")).isEmpty();
    }
}
