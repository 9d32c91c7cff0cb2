package org.bankcrm.web.config;

import jakarta.servlet.http.HttpServletRequest;
import java.util.IdentityHashMap;
import java.util.Map;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Spring MVC's handler lookup, ruling out by the start of their paths the mappings a request cannot match before
 * Spring tests their conditions one by one (D62). A path with a variable in it ({@code /api/v1/opportunities/42})
 * has no direct match, so every request to one tests all the application's mappings, and Spring tests the HTTP
 * method first, which asks the request, through every wrapper of the filter chain, for its method and whether it is
 * a CORS pre-flight: about a tenth of a follow-up's CPU in the application. Each path pattern's literal start (up to
 * its first variable or wildcard) is known once the mappings are registered; a request whose path does not start
 * with any of a mapping's is one Spring would refuse at its path condition anyway. Everything else goes through
 * Spring's own test unchanged, and so do the 404, 405 and 415 answers when nothing matches. The path compared is
 * Spring's look-up path (without {@code ;} parameters, as patterns match segments), held for the thread while Spring
 * tests the mappings, so the request is not asked for it once a mapping (D74). Paths with an encoded character
 * (matched decoded) and case-insensitive patterns skip the shortcut.
 */
class PathFirstHandlerMapping extends RequestMappingHandlerMapping {

    /** Per mapping, the literal start of each of its path patterns; mappings not in it are tested by Spring alone. */
    private volatile Map<RequestMappingInfo, String[]> starts = Map.of();

    /** The path of the look-up running on this thread (Spring's look-up path: no {@code ;} parameters). */
    private final ThreadLocal<String> lookupPath = new ThreadLocal<>();

    @Override
    public void afterPropertiesSet() {
        super.afterPropertiesSet();
        PathPatternParser parser = getPatternParser();
        if (parser == null || !parser.isCaseSensitive()) {
            return;
        }
        Map<RequestMappingInfo, String[]> byMapping = new IdentityHashMap<>();
        for (RequestMappingInfo info : getHandlerMethods().keySet()) {
            PathPatternsRequestCondition paths = info.getPathPatternsCondition();
            if (paths != null) {
                byMapping.put(info, paths.getPatterns().stream().map(PathFirstHandlerMapping::literalStart)
                        .toArray(String[]::new));
            }
        }
        starts = byMapping;
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String path, HttpServletRequest request) throws Exception {
        lookupPath.set(shortcutPath(path));
        try {
            return super.lookupHandlerMethod(path, request);
        } finally {
            lookupPath.remove();
        }
    }

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        String path = lookupPath.get();
        return path != null && !mayMatch(info, path) ? null : super.getMatchingMapping(info, request);
    }

    /** Whether a request with this look-up path may match the mapping, by the literal starts of its patterns. */
    boolean mayMatch(RequestMappingInfo info, String path) {
        String[] literal = starts.get(info);
        return literal == null || startsWithAny(path, literal);
    }

    /** What a look-up of this request asks of one mapping, the look-up path made as Spring makes it (for tests). */
    RequestMappingInfo matchAsLookup(RequestMappingInfo info, HttpServletRequest request) {
        lookupPath.set(shortcutPath(initLookupPath(request)));
        try {
            return getMatchingMapping(info, request);
        } finally {
            lookupPath.remove();
        }
    }

    /** The look-up path when the shortcut may judge it; null when it holds an encoded character (matched decoded). */
    private static String shortcutPath(String path) {
        return path.indexOf('%') < 0 ? path : null;
    }

    /** How many mappings the shortcut knows (all of them, unless patterns are case-insensitive). */
    int mappingsWithShortcut() {
        return starts.size();
    }

    private static boolean startsWithAny(String path, String[] literal) {
        for (String start : literal) {
            if (path.startsWith(start)) {
                return true;
            }
        }
        return false;
    }

    /** The pattern up to its first variable or wildcard; all of it when it has none; none when it is encoded. */
    static String literalStart(PathPattern pattern) {
        String text = pattern.getPatternString();
        if (text.indexOf('%') >= 0) {
            return "";
        }
        int end = text.length();
        for (char c : new char[]{'{', '*', '?'}) {
            int at = text.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return text.substring(0, end);
    }
}
