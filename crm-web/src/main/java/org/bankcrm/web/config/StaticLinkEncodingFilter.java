package org.bankcrm.web.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.ResourceUrlProviderExposingInterceptor;

/**
 * The links of a page as Spring's {@link ResourceUrlEncodingFilter} writes them (a webjar's version-less path
 * becomes its versioned one, {@code /webjars/bootstrap/css/…} → {@code /webjars/bootstrap/5.x/css/…}), at a
 * fraction of its cost (issue 18 §2, D56).
 * <p>
 * Spring's filter sends every {@code @{…}} link of a page through the resource chain, and the static handler is
 * mapped to {@code /**}, so a link to {@code /opportunities/42} is looked up as a file in four classpath locations
 * and as a webjar; a miss is not cached. On the RM's opportunity list that was half the request's CPU (JFR,
 * docs/benchmarks.md). This filter, which replaces Boot's (same type, so Boot's is not registered), asks the chain
 * only for a path whose last segment has a dot (every file the application serves has an extension:
 * {@code StaticLinkEncodingFilterTest} checks it), and remembers each answer, found or not, for up to
 * {@value #MAX_CACHED} paths (the static files a template names; above that a path is resolved every time, as
 * before). A link without a dot is returned as the container would return it.
 */
class StaticLinkEncodingFilter extends ResourceUrlEncodingFilter {

    static final int MAX_CACHED = 2_000;

    private final ConcurrentMap<String, Optional<String>> resolved = new ConcurrentHashMap<>();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse res)) {
            throw new ServletException("StaticLinkEncodingFilter only supports HTTP requests");
        }
        chain.doFilter(request, new Links(req, res));
    }

    /** Whether a lookup path (no query, no fragment) may name a static file: its last segment has a dot. */
    static boolean mayBeStatic(String lookupPath) {
        return lookupPath.indexOf('.', lookupPath.lastIndexOf('/') + 1) >= 0;
    }

    /** The resolved lookup path of a static file, or null when the chain does not know it. */
    String resolve(ResourceUrlProvider provider, String lookupPath) {
        Optional<String> known = resolved.get(lookupPath);
        if (known != null) {
            return known.orElse(null);
        }
        String found = provider.getForLookupPath(lookupPath);
        if (resolved.size() < MAX_CACHED) {
            resolved.putIfAbsent(lookupPath, Optional.ofNullable(found));
        }
        return found;
    }

    int cached() {
        return resolved.size();
    }

    private final class Links extends HttpServletResponseWrapper {

        private final HttpServletRequest request;

        Links(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public String encodeURL(String url) {
            String prefix = request.getContextPath();
            if (url.startsWith(prefix + "/")
                    && request.getAttribute(ResourceUrlProviderExposingInterceptor.RESOURCE_URL_PROVIDER_ATTR)
                    instanceof ResourceUrlProvider provider) {
                int end = endOfPath(url);
                String lookupPath = url.substring(prefix.length(), end);
                if (mayBeStatic(lookupPath)) {
                    String found = resolve(provider, lookupPath);
                    if (found != null) {
                        return super.encodeURL(prefix + found + url.substring(end));
                    }
                }
            }
            return super.encodeURL(url);
        }

        private static int endOfPath(String url) {
            int query = url.indexOf('?');
            int fragment = url.indexOf('#');
            if (query < 0) {
                return fragment < 0 ? url.length() : fragment;
            }
            return fragment < 0 ? query : Math.min(query, fragment);
        }
    }
}
