package io.patternhub.testkit.woocommerce.internal;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.patternhub.core.error.ValidationError;
import io.patternhub.testkit.SandboxRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
        return new WooSpec(OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                .withBasePathOverride(API_PREFIX)
                .withLevelResolver(levels)
                .build());
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
