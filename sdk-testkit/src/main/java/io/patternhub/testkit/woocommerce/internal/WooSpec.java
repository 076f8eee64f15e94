package io.patternhub.testkit.woocommerce.internal;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.patternhub.core.error.ValidationError;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.patternhub.testkit.SandboxRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The WooCommerce {@code wc/v3} OpenAPI description (bundled at {@value #RESOURCE}; unofficial, see
 * {@code SOURCE.txt} beside it) as a request validator built on {@code swagger-request-validator}.
 * One immutable, thread-safe instance is shared ({@link #shared()}) because parsing the 660 KB
 * description takes a moment. Not public API.
 */
public final class WooSpec {
    /** The classpath location of the description. */
    public static final String RESOURCE = "/io/patternhub/testkit/woocommerce/woocommerce-wc-v3-openapi.yml";
    /** The REST prefix of every {@code wc/v3} route. */
    public static final String API_PREFIX = "/wp-json/wc/v3";

    private final OpenApiInteractionValidator validator;

    private WooSpec(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    /** The shared instance, loaded on first use. */
    public static WooSpec shared() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        private static final WooSpec INSTANCE = load();
    }

    private static WooSpec load() {
        String spec;
        try (InputStream in = WooSpec.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The WooCommerce OpenAPI description is missing: " + RESOURCE);
            }
            spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
        LevelResolver levels = LevelResolver.create()
                // The sandbox checks the consumer key and secret itself and answers 401 as WooCommerce does.
                .withLevel("validation.request.security.missing", ValidationReport.Level.IGNORE)
                .withLevel("validation.request.security.invalid", ValidationReport.Level.IGNORE)
                .build();
        return new WooSpec(OpenApiInteractionValidator.createFor(withBatchBodies(parse(spec)))
                .withBasePathOverride(API_PREFIX)
                .withLevelResolver(levels)
                .build());
    }

    private static OpenAPI parse(String spec) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(spec, null, options);
        if (result.getOpenAPI() == null) {
            throw new IllegalStateException("The WooCommerce OpenAPI description does not parse: "
                    + result.getMessages());
        }
        return result.getOpenAPI();
    }

    /**
     * The unofficial description gives every {@code POST .../batch} the request body of a single
     * resource, while the official documentation ({@code _products.md}, {@code _orders.md},
     * {@code _webhooks.md}: "Batch update ...") and the description's own {@code batch} schema say a
     * batch is {@code {"create": [...], "update": [...], "delete": [ids]}}. The official docs win: each
     * batch request body is replaced by that schema, whose items are the resource's own request
     * schema. Nothing else is changed.
     */
    static OpenAPI withBatchBodies(OpenAPI api) {
        api.getPaths().forEach((path, item) -> {
            if (!path.endsWith("/batch") || item.getPost() == null || item.getPost().getRequestBody() == null) {
                return;
            }
            MediaType json = item.getPost().getRequestBody().getContent().get("application/json");
            if (json == null || json.getSchema() == null) {
                return;
            }
            Schema<?> single = json.getSchema();
            ObjectSchema batch = new ObjectSchema();
            batch.addProperty("create", new ArraySchema().items(single));
            batch.addProperty("update", new ArraySchema().items(withId(single)));
            batch.addProperty("delete", new ArraySchema().items(new IntegerSchema()));
            json.setSchema(batch);
        });
        return api;
    }

    /** The resource schema plus the {@code id} an update item names. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> withId(Schema<?> single) {
        ObjectSchema copy = new ObjectSchema();
        Map<String, Schema> props = new LinkedHashMap<>();
        if (single.getProperties() != null) {
            props.putAll(single.getProperties());
        }
        props.put("id", new IntegerSchema());
        copy.setProperties(props);
        return copy;
    }

    /**
     * The spec violations of a request; empty when it conforms or is not a {@code wc/v3} path.
     *
     * @param request the request
     * @return the problems
     */
    public List<ValidationError> validateRequest(SandboxRequest request) {
        if (!request.path().startsWith(API_PREFIX + "/")) {
            return List.of();
        }
        SimpleRequest.Builder b = new SimpleRequest.Builder(request.method(), request.path());
        for (Map.Entry<String, List<String>> q : request.queryParams().entrySet()) {
            b.withQueryParam(q.getKey(), q.getValue());
        }
        request.headers().forEach(b::withHeader);
        request.header("Content-Type").ifPresent(b::withContentType);
        if (request.bodySize() > 0) {
            b.withBody(request.body());
        }
        ValidationReport report = validator.validateRequest(b.build());
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> new ValidationError(field(m), m.getKey(), m.getMessage())).collect(Collectors.toList());
    }

    private static String field(ValidationReport.Message m) {
        return m.getContext().flatMap(ValidationReport.MessageContext::getParameter).map(p -> p.getName())
                .orElseGet(() -> m.getContext().flatMap(ValidationReport.MessageContext::getPointers)
                        .map(p -> "body" + p.getInstance()).orElse("request"));
    }
}
