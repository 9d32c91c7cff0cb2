package org.bankcrm.domain.shared;

import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/** The domain's repositories, on {@link CountingRepository} (D72); Boot's own repository set-up steps aside. */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackages = "org.bankcrm.domain", repositoryBaseClass = CountingRepository.class)
public class RepositoriesConfig {
}
