package org.bankcrm.web.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for tests against the running application: Basic-authenticated JSON calls, or a
 * browser-like session (cookies, CSRF tokens taken from the pages, no redirects followed).
 */
public final class Http {

    public static final String DEMO_PASSWORD = "Demo#2026crm";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|content=\"([^\"]+)\"[^>]*name=\"_csrf\"|name=\"_csrf\" content=\"([^\"]+)\"");

    private final String base;
    private final HttpClient client;
    private final String basic;
    private String acceptLanguage;

    private Http(int port, String basic, boolean cookies) {
        this.base = "http://127.0.0.1:" + port;
        HttpClient.Builder b = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5));
        if (cookies) {
            b.cookieHandler(new CookieManager());
        }
        this.client = b.build();
        this.basic = basic;
    }

    /** Calls authenticated with HTTP Basic as {@code username} (demo password unless given). */
    public static Http basic(int port, String username) {
        return basic(port, username, DEMO_PASSWORD);
    }

    public static Http basic(int port, String username, String password) {
        String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Http(port, "Basic " + token, false);
    }

    public static Http anonymous(int port) {
        return new Http(port, null, true);
    }

    /** A browser-like session, signed in through the login form. */
    public static Http session(int port, String username) {
        Http http = new Http(port, null, true);
        Response login = http.submit("/login", "/login", Map.of("username", username, "password", DEMO_PASSWORD));
        if (login.status() != 302 || login.header("Location").contains("error")) {
            throw new IllegalStateException("login failed for " + username + ": " + login.status());
        }
        return http;
    }

    public Http language(String tag) {
        this.acceptLanguage = tag;
        return this;
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response get(String path, Map<String, String> headers) {
        HttpRequest.Builder r = request(path);
        headers.forEach(r::header);
        return send(r.GET());
    }

    public Response postJson(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    public Response putJson(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    public Response putJson(String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder r = request(path).header("Content-Type", "application/json");
        headers.forEach(r::header);
        return send(r.PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public Response delete(String path) {
        return delete(path, Map.of());
    }

    public Response delete(String path, Map<String, String> headers) {
        HttpRequest.Builder r = request(path);
        headers.forEach(r::header);
        return send(r.DELETE());
    }

    public Response patchJson(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public Response postJson(String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder r = request(path).header("Content-Type", "application/json");
        headers.forEach(r::header);
        return send(r.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** GETs {@code formPage}, takes its CSRF token and posts {@code fields} to {@code action}. */
    public Response submit(String formPage, String action, Map<String, String> fields) {
        Response page = get(formPage);
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", page.csrf());
        return postForm(action, all);
    }

    public Response postForm(String path, Map<String, String> fields) {
        return postForm(path, fields, Map.of());
    }

    /** Posts a form with extra request headers (say {@code HX-Request}, as htmx sends it). */
    public Response postForm(String path, Map<String, String> fields, Map<String, String> headers) {
        String form = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder r = request(path).header("Content-Type", "application/x-www-form-urlencoded");
        headers.forEach(r::header);
        return send(r.POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** Posts a multipart form: {@code fields} and one file part named {@code part}. */
    public Response postFile(String path, String part, String fileName, byte[] content, Map<String, String> fields) {
        String boundary = "----crm-test-" + System.nanoTime();
        var body = new java.io.ByteArrayOutputStream();
        try {
            for (var e : fields.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n"
                        + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                    + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(content);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (basic != null) {
            r.header("Authorization", basic);
        }
        if (acceptLanguage != null) {
            r.header("Accept-Language", acceptLanguage);
        }
        return r;
    }

    private Response send(HttpRequest.Builder r) {
        try {
            HttpResponse<String> res = client.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(res);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    /** A response with helpers for JSON and HTML bodies. */
    /**
     * Posts a feed ({@code /api/v1/imports/{kind}}, as this client, an admin) and waits until its run has finished;
     * answers the run as {@code GET /api/v1/imports/{id}} gives it, DONE or FAILED.
     */
    public JsonNode importFeed(String kind, String fileName, byte[] content) {
        Response queued = postFile("/api/v1/imports/" + kind, "file", fileName, content, Map.of());
        if (queued.status() != 202) {
            throw new AssertionError("the import was not queued: " + queued);
        }
        long id = queued.json().get("id").asLong();
        return org.awaitility.Awaitility.await("import " + id).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> get("/api/v1/imports/" + id).json(),
                        run -> run.get("status").asString().equals("DONE")
                                || run.get("status").asString().equals("FAILED"));
    }

    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse("");
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String csrf() {
            Matcher m = CSRF.matcher(raw.body());
            if (!m.find()) {
                throw new IllegalStateException("no CSRF token on the page");
            }
            return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
        }

        @Override
        public String toString() {
            return status() + " " + body();
        }
    }
}
