package org.bankcrm.web.config;

import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import lombok.RequiredArgsConstructor;
import org.bankcrm.web.shared.CurrentUserResolver;
import org.bankcrm.web.shared.LayoutModel;
import org.bankcrm.web.shared.NulParameters;
import org.bankcrm.web.shared.WildcardContentType;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import org.thymeleaf.templateresolver.ITemplateResolver;

/**
 * Language: Chinese (zh-CN) unless the user picked English ({@code ?lang=en}, remembered in a cookie).
 * API clients without that cookie may ask with {@code Accept-Language}; pages ignore it, so the product
 * is Chinese by default whatever the browser says.
 */
@Configuration(proxyBeanMethods = false)
@RequiredArgsConstructor
public class WebConfig implements WebMvcConfigurer {

    public static final Locale DEFAULT_LOCALE = Locale.SIMPLIFIED_CHINESE;
    private static final List<Locale> SUPPORTED = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);

    private final LayoutModel layoutModel;

    /** Pages are handed to the response a chunk at a time, not in the template engine's small writes (D74). */
    @Bean
    static BeanPostProcessor chunkedThymeleafViews() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof ThymeleafViewResolver resolver) {
                    resolver.setViewClass(ChunkedThymeleafView.class);
                }
                return bean;
            }
        };
    }

    /** Templates are parsed without their indentation (D80). */
    @Bean
    static BeanPostProcessor indentFreeTemplates() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof ITemplateResolver resolver ? new IndentFreeTemplates(resolver) : bean;
            }
        };
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("crm-lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        // A language cookie the client spoiled ("a.b", quoted) is ignored, as an unknown language is; by default
        // Spring throws, a 500 on every request that carries it.
        resolver.setRejectInvalidCookies(false);
        resolver.setDefaultLocaleFunction(request -> {
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                    && request.getHeader("Accept-Language") != null) {
                Locale asked = request.getLocale();
                return "en".equals(asked.getLanguage()) ? Locale.ENGLISH : DEFAULT_LOCALE;
            }
            return DEFAULT_LOCALE;
        });
        return resolver;
    }

    /**
     * The page links' encoding: Boot's ResourceUrlEncodingFilter (which steps aside for a bean of its type) replaced
     * by one that asks the resource chain only about static files (D56), for requests and error pages like Boot's.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> staticLinkEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(new StaticLinkEncodingFilter());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    /** Handler lookup ruling out, by the start of their paths, the mappings a request cannot match (D62). */
    @Bean
    WebMvcRegistrations pathFirstHandlerMapping() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new PathFirstHandlerMapping();
            }
        };
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new NulParameters());
        registry.addInterceptor(new WildcardContentType());
        LocaleChangeInterceptor change = new LocaleChangeInterceptor() {
            @Override
            protected Locale parseLocaleValue(String value) {
                // Only the two languages the product speaks; anything else is ignored.
                Locale parsed = super.parseLocaleValue(value);
                if (parsed == null) {
                    return null;
                }
                return SUPPORTED.stream().filter(l -> l.getLanguage().equals(parsed.getLanguage())).findFirst()
                        .orElse(null);
            }
        };
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
        registry.addInterceptor(layoutModel);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentUserResolver());
    }
}
