package org.bankcrm.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bankcrm.service.demo.DemoReadyBanner;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The demo profile says, once ready, where to open the product and whom to sign in as, and logs no password. */
@CrmWebTest
class DemoReadyBannerTest {

    @LocalServerPort
    int port;

    @Autowired
    DemoReadyBanner banner;

    @Test
    void theReadyBlockNamesTheLoginAddressOnThisPortAndEveryDemoUser() throws Exception {
        String text = banner.text();
        assertThat(text).contains("open http://localhost:" + port + "/login");
        for (String user : new String[] {"admin", "head1", "rm1", "rm2", "teller1", "head2", "rm3"}) {
            assertThat(text).containsPattern("(?m)^   " + user + " +[A-Z_]+ +(HQ|BR00[12]) ");
        }
        assertThat(text).contains("李晓明").doesNotContain(Http.DEMO_PASSWORD);
        // It was logged when this context became ready (the run's log file, logging.file.name).
        String log = Files.readString(Path.of("target/test-run.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("Bank CRM (demo) is ready: open http://localhost:" + port + "/login");
    }
}
