package org.bankcrm.web.config;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.web.shared.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two filter chains. The API ({@code /api/**}) takes HTTP Basic or the browser's session, answers 401/403
 * as {@code problem+json} and never redirects; a Basic-authenticated request needs no CSRF token, one
 * riding on the session cookie does. Pages use form login at {@code /login}, CSRF everywhere, and send
 * the anonymous to the login page. Both send the same hardening headers.
 */
@Configuration(proxyBeanMethods = false)
@Slf4j
public class SecurityConfig {

    /** The methods Spring Security's firewall lets through (its default), in the order a 405's {@code Allow} names. */
    private static final List<String> FIREWALL_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
            "OPTIONS");

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private static final RequestMatcher BASIC_AUTH = request -> {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    };

    /**
     * A request that carries no session cookie has no ambient authority for a forged request to borrow, so
     * CSRF does not apply; it must then authenticate itself (Basic) or be answered 401, as the contract says.
     */
    private static final RequestMatcher NO_SESSION_COOKIE = request -> {
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        return cookies == null || java.util.Arrays.stream(cookies).noneMatch(c -> "SESSION".equals(c.getName()));
    };

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, Problems problems, JsonMapper json) throws Exception {
        AuthenticationEntryPoint unauthenticated = (req, res, e) -> {
            if (org.bankcrm.web.shared.DatabaseOutage.is(e)) {
                res.setHeader("Retry-After", "10");
                write(res, problems.of(HttpStatus.SERVICE_UNAVAILABLE, "error.unavailable", new Object[0], List.of()),
                        json);
                return;
            }
            write(res, problems.of(HttpStatus.UNAUTHORIZED,
                    e instanceof org.springframework.security.authentication.LockedException ? "login.locked"
                            : "error.unauthenticated", new Object[0], List.of()), json);
        };
        AccessDeniedHandler denied = (req, res, e) ->
                write(res, problems.of(HttpStatus.FORBIDDEN, "error.forbidden", new Object[0], List.of()), json);
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/v1/admin/**", "/api/v1/imports/**", "/api/v1/discovery/**")
                        .hasRole("ADMIN")
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(unauthenticated))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                .csrf(c -> c.ignoringRequestMatchers(BASIC_AUTH, NO_SESSION_COOKIE))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                // An API client is never sent back to where it was after signing in, so a refused request is not
                // kept for it: keeping it created a session (a row and a cookie) for every anonymous call.
                .requestCache(r -> r.disable())
                .headers(SecurityConfig::hardening);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error",
                                "/manifest.webmanifest", "/icons/**", "/sw.js", "/offline.html",
                                "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**")
                        .permitAll()
                        .requestMatchers("/admin/**", "/actuator/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", true).permitAll()
                        .failureHandler((req, res, e) -> {
                            if (org.bankcrm.web.shared.DatabaseOutage.is(e)) {
                                res.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
                                return;
                            }
                            res.sendRedirect(req.getContextPath()
                                    + (e instanceof org.springframework.security.authentication.LockedException
                                    ? "/login?locked" : "/login?error"));
                        }))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").deleteCookies("SESSION"))
                .headers(SecurityConfig::hardening);
        return http.build();
    }

    /**
     * No observation of each security filter and authorisation decision: nothing reads them (only health and info are
     * exposed), and wrapping every filter of the chain cost 4-5 % of a follow-up's request CPU (docs/benchmarks.md,
     * "Follow-ups after D61"). HTTP requests themselves are still observed.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * A request the firewall refuses (an encoded {@code /}, {@code \\} or {@code ;}, a control character or an
     * encoded dot in its path; a method other than the seven it allows) answers like any other refusal, never with a
     * stack trace: problem+json for the API, 401 first when it carries no credentials at all (nothing about the path is
     * said to a stranger), else 400 (405 for the method); a page request gets the product's 400 (405) page. The log
     * line names the method only when it is one of the seven: any other is the client's text, of any length.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(Problems problems, JsonMapper json) {
        return (req, res, e) -> {
            boolean known = FIREWALL_METHODS.contains(req.getMethod());
            log.info("Refused a request the firewall rejects: {} {}", known ? req.getMethod() : "(another method)",
                    e.getClass().getSimpleName());
            boolean stranger = Problems.isApi(req) && !BASIC_AUTH.matches(req) && NO_SESSION_COOKIE.matches(req);
            HttpStatus status = stranger ? HttpStatus.UNAUTHORIZED
                    : known ? HttpStatus.BAD_REQUEST : HttpStatus.METHOD_NOT_ALLOWED;
            if (status == HttpStatus.METHOD_NOT_ALLOWED) {
                res.setHeader("Allow", String.join(", ", FIREWALL_METHODS));
            }
            if (!Problems.isApi(req)) {
                res.sendError(status.value());
                return;
            }
            String key = stranger ? "error.unauthenticated" : known ? "error.badPath" : "error.method";
            write(res, problems.of(status, key, new Object[0], List.of()), json);
        };
    }

    private static void hardening(
            org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> h) {
        h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                .frameOptions(f -> f.deny())
                .referrerPolicy(r -> r.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN));
    }

    static void write(jakarta.servlet.http.HttpServletResponse res, ResponseEntity<ProblemDetail> problem,
                              JsonMapper json) throws IOException {
        ProblemDetail body = problem.getBody();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", String.valueOf(body.getType()));
        out.put("title", body.getTitle());
        out.put("status", body.getStatus());
        out.put("detail", body.getDetail());
        res.setStatus(body.getStatus());
        if (body.getStatus() == 401) {
            res.setHeader("WWW-Authenticate", "Basic realm=\"crm\", charset=\"UTF-8\"");
        }
        res.setContentType("application/problem+json;charset=UTF-8");
        res.getWriter().write(json.writeValueAsString(out));
    }
}
