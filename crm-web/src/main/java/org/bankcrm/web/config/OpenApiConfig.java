package org.bankcrm.web.config;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bankcrm.service.org.CurrentUser;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What {@code /v3/api-docs} says about the API, made true for every operation at once (D50) rather than by annotating
 * each controller method: the signed-in user is no parameter; every answer is {@code application/json}, every error
 * {@code application/problem+json} with the {@code Problem} schema and the statuses the error handling really
 * answers; the two ways to sign in (HTTP Basic, or the session cookie with the CSRF header on changes); {@code page}
 * and {@code size} with their limits; nullability and required fields from the records' own component types; and a
 * schema name of its own for each nested record (three records were called {@code RunJson}, three {@code Body}: the
 * description used to give one shape to all of them). Success codes other than 200 come from the controllers'
 * {@code @ResponseStatus}, the one thing only the method itself can say.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String JSON = "application/json";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    static {
        // Resolved from the sign-in, never sent by a client.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
    }

    /**
     * Names a nested type after its enclosing type ({@code ImportApiController.RunJson} is {@code ImportRunJson}) and
     * says which of a record's fields are always there (primitives: required) and which may be null (the others).
     */
    @Bean
    ModelConverter crmSchemaNames() {
        return new ModelConverter() {
            @Override
            public Schema<?> resolve(AnnotatedType type, ModelConverterContext context,
                                     Iterator<ModelConverter> chain) {
                if (!chain.hasNext()) {
                    return null;
                }
                Class<?> raw = rawClass(type);
                boolean nested = raw != null && raw.getEnclosingClass() != null && !raw.isEnum()
                        && !raw.getName().startsWith("java.") && (type.getName() == null || type.getName().isBlank());
                if (nested) {
                    type.name(nestedName(raw));
                }
                Schema<?> schema = chain.next().resolve(type, context, chain);
                Schema<?> model = schema;
                if (schema != null && schema.get$ref() != null) {
                    model = context.getDefinedModels().get(schema.get$ref()
                            .substring(schema.get$ref().lastIndexOf('/') + 1));
                }
                if (raw != null && raw.isRecord() && model != null && model.getProperties() != null) {
                    describeFields(raw, model);
                }
                return schema;
            }
        };
    }

    static String nestedName(Class<?> raw) {
        String outer = raw.getEnclosingClass().getSimpleName().replaceFirst("(Api)?Controller$", "");
        return raw.getSimpleName().startsWith(outer) ? raw.getSimpleName() : outer + raw.getSimpleName();
    }

    private static Class<?> rawClass(AnnotatedType type) {
        if (type.getType() instanceof Class<?> c) {
            return c;
        }
        if (type.getType() instanceof JavaType j) {
            return j.getRawClass();
        }
        try {
            return Json.mapper().constructType(type.getType()).getRawClass();
        } catch (RuntimeException e) {
            return null;
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void describeFields(Class<?> record, Schema<?> schema) {
        Map<String, Schema> props = (Map) schema.getProperties();
        for (RecordComponent c : record.getRecordComponents()) {
            Schema<?> p = props.get(c.getName());
            if (p == null) {
                continue;
            }
            if (p.getAdditionalProperties() instanceof Schema<?> values && "object".equals(values.getType())
                    && values.getProperties() == null && values.get$ref() == null) {
                // A Map<String, Object>: its values are any JSON value (numbers, strings...), not only objects.
                p.setAdditionalProperties(Boolean.TRUE);
            }
            if (c.getType().isPrimitive()) {
                if (schema.getRequired() == null || !schema.getRequired().contains(c.getName())) {
                    schema.addRequiredItem(c.getName());
                }
            } else if (p.get$ref() != null) {
                props.put(c.getName(), new ComposedSchema().addAllOfItem(new Schema<>().$ref(p.get$ref()))
                        .nullable(true));
            } else {
                p.setNullable(true);
            }
        }
    }

    @Bean
    OpenApiCustomizer crmOpenApi() {
        return openApi -> {
            openApi.info(new Info().title("Bank branch CRM API").version("v1")
                    .description("See docs/api.md. Errors are application/problem+json (RFC 9457)."));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.components(components);
            components.addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                            .description("A user's username and password; no CSRF token needed."))
                    .addSecuritySchemes("session", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                            .in(SecurityScheme.In.COOKIE).name("SESSION")
                            .description("The browser's session after signing in on /login."))
                    .addSecuritySchemes("csrf", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                            .in(SecurityScheme.In.HEADER).name("X-CSRF-TOKEN")
                            .description("With the session cookie, every change (not GET) carries the page's token."));
            components.addSchemas("FieldProblem", new ObjectSchema()
                    .addProperty("field", new StringSchema()).addProperty("message", new StringSchema())
                    .required(List.of("field", "message")));
            components.addSchemas(PROBLEM, new ObjectSchema()
                    .addProperty("type", new StringSchema())
                    .addProperty("title", new StringSchema())
                    .addProperty("status", new IntegerSchema())
                    .addProperty("detail", new StringSchema().nullable(true))
                    .addProperty("instance", new StringSchema().nullable(true))
                    .addProperty("errors", new ArraySchema()
                            .items(new Schema<>().$ref("#/components/schemas/FieldProblem")))
                    .required(List.of("type", "title", "status")));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, op) -> describe(path, method, op)));
        };
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation op) {
        boolean safe = SAFE.contains(method.name());
        op.setSecurity(safe
                ? List.of(new SecurityRequirement().addList("basic"), new SecurityRequirement().addList("session"))
                : List.of(new SecurityRequirement().addList("basic"),
                        new SecurityRequirement().addList("session").addList("csrf")));
        if (op.getParameters() != null) {
            op.getParameters().forEach(OpenApiConfig::limits);
        }
        ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
        op.setResponses(responses);
        for (Map.Entry<String, ApiResponse> e : new LinkedHashMap<>(responses).entrySet()) {
            ApiResponse r = e.getValue();
            if ("204".equals(e.getKey())) {
                r.setContent(null);
            } else if (r.getContent() != null && r.getContent().containsKey("*/*")) {
                MediaType any = r.getContent().remove("*/*");
                r.getContent().addMediaType(JSON, any);
            }
        }
        boolean hasInput = op.getRequestBody() != null || (op.getParameters() != null && !op.getParameters().isEmpty());
        boolean multipart = op.getRequestBody() != null && op.getRequestBody().getContent() != null
                && op.getRequestBody().getContent().containsKey("multipart/form-data");
        if (hasInput) {
            problem(responses, "400", "Invalid input: the detail says the first problem, errors lists them all.");
        }
        problem(responses, "401", "No credentials, wrong credentials, or a locked account.");
        problem(responses, "403", "The caller's role may not do this, or the record lies outside their scope.");
        if (path.contains("{")) {
            problem(responses, "404", "No such record in the caller's scope.");
        }
        if (!safe) {
            problem(responses, "409", "A stale version, a move the rules do not allow, or a change the data refuses.");
        }
        if (multipart) {
            problem(responses, "413", "An upload larger than 1 GB.");
        }
        problem(responses, "500", "An unexpected failure; the detail gives an incident number.");
        problem(responses, "503", "The database cannot be reached; retry after the Retry-After seconds.");
    }

    private static void problem(ApiResponses responses, String code, String description) {
        if (!responses.containsKey(code)) {
            responses.addApiResponse(code, new ApiResponse().description(description).content(new Content()
                    .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/"
                            + PROBLEM)))));
        }
    }

    /** Lists take page from 0 and a size of 1 to 500 (50 when not given). */
    private static void limits(Parameter p) {
        if (!"query".equals(p.getIn()) || p.getSchema() == null) {
            return;
        }
        // A schema of its own: springdoc shares one instance between parameters of the same type.
        if ("page".equals(p.getName())) {
            p.schema(new IntegerSchema().minimum(BigDecimal.ZERO)._default(0));
            p.description("The page, from 0.");
        } else if ("size".equals(p.getName())) {
            p.schema(new IntegerSchema().minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(500))._default(50));
            p.description("Records per page, 1 to 500; 50 when not given.");
        }
    }
}
