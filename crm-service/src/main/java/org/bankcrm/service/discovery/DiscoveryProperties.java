package org.bankcrm.service.discovery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Configuration;

/**
 * Discovery's settings ({@code crm.discovery.*}).
 *
 * @param cron the nightly run's time, a cron in bank time; "-" for never
 */
@ConfigurationProperties("crm.discovery")
public record DiscoveryProperties(@DefaultValue("0 30 2 * * *") String cron) {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DiscoveryProperties.class)
    static class Enable {
    }
}
