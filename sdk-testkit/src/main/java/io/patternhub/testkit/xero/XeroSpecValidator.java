package io.patternhub.testkit.xero;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import io.patternhub.core.error.ValidationError;
import io.patternhub.testkit.RequestValidator;
import io.patternhub.testkit.SandboxRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validates Accounting API requests against Xero's own OpenAPI description (xero_accounting.yaml
 * 16.1.0, bundled): path and method, required headers such as {@code xero-tenant-id}, query parameter
 * types, and the JSON body against the schemas. Requests outside {@code /api.xro/2.0} are not checked.
 *
 * <p>Loading the 900 KB description takes a few seconds: load one instance with {@link #load()} and
 * share it between sandboxes. Thread-safe.
 */
public final class XeroSpecValidator implements RequestValidator {
    /** The path prefix of the Accounting API, as in the specification's server URL. */
    public static final String BASE_PATH = "/api.xro/2.0";
    private static final String RESOURCE = "/io/patternhub/testkit/xero/xero_accounting.yaml";

    private final OpenApiInteractionValidator validator;

    private XeroSpecValidator(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    /**
     * Loads the bundled specification.
     *
     * @return the validator
     */
    public static XeroSpecValidator load() {
        try (InputStream in = XeroSpecValidator.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Xero specification missing from the classpath: " + RESOURCE);
            }
            String spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new XeroSpecValidator(OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                    .withBasePathOverride(BASE_PATH).build());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }

    @Override
    public List<ValidationError> validate(SandboxRequest request) {
        if (!request.path().startsWith(BASE_PATH + "/")) {
            return List.of();
        }
        ValidationReport report = validator.validateRequest(toOpenApi(request));
        List<ValidationError> out = new ArrayList<>();
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR) {
                out.add(new ValidationError(m.getKey(), "spec", m.getMessage()));
            }
        }
        return out;
    }

    private static Request toOpenApi(SandboxRequest request) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(request.method(), request.path());
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            b.withHeader(h.getKey(), h.getValue());
        }
        for (Map.Entry<String, List<String>> q : request.queryParams().entrySet()) {
            b.withQueryParam(q.getKey(), q.getValue());
        }
        if (request.bodySize() > 0) {
            b.withBody(request.bodyText());
        }
        return b.build();
    }
}
