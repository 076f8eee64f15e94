package io.patternhub.testkit.shopify.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.language.Document;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.validation.ValidationError;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.testkit.MultipartPart;
import io.patternhub.testkit.SandboxRequest;
import io.patternhub.testkit.SandboxResponse;
import io.patternhub.testkit.shopify.SandboxBulkOperation;
import io.patternhub.testkit.shopify.SandboxFile;
import io.patternhub.testkit.shopify.SandboxStagedUpload;
import io.patternhub.testkit.shopify.ShopifyAdminSchema;
import io.patternhub.testkit.shopify.ShopifySandbox;
import io.patternhub.testkit.shopify.ShopifyThrottleStatus;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The GraphQL endpoint of the Shopify sandbox: parse, validate against the 2025-01 schema, charge
 * the calculated cost, execute over the state, report {@code extensions.cost}. Also the staged
 * upload target and the file and bulk-result downloads.
 */
public final class GraphqlEndpoint {
    /** Shopify's maximum cost of one query is the bucket size. */
    private static final ObjectMapper MAPPER = PatternHubJson.newMapper();

    private final ShopifySandbox sandbox;
    private final ShopifyState state;
    private final CostBucket.Factory buckets;
    private final Clock clock;
    private final ShopifyResolver resolver;
    private final GraphQL graphql;

    /**
     * @param sandbox the sandbox (for URLs)
     * @param state the state
     * @param buckets the cost buckets
     * @param clock the clock
     */
    public GraphqlEndpoint(ShopifySandbox sandbox, ShopifyState state, CostBucket.Factory buckets, Clock clock) {
        this.sandbox = sandbox;
        this.state = state;
        this.buckets = buckets;
        this.clock = clock;
        this.graphql = GraphQL.newGraphQL(ShopifyAdminSchema.schema()).build();
        this.resolver = new ShopifyResolver(sandbox, state, clock, this::runBulk);
    }

    /** Stops the bulk operation worker. */
    public void close() {
        resolver.close();
    }

    /**
     * Answers one GraphQL request (the token was checked by the sandbox).
     *
     * @param request the request
     * @return the response, HTTP 200 for GraphQL-level errors as Shopify does
     */
    public SandboxResponse handle(SandboxRequest request) {
        JsonNode body = request.json();
        JsonNode queryNode = body.path("query");
        if (!queryNode.isTextual() || queryNode.asText().isBlank()) {
            return SandboxResponse.json(400, Map.of("errors", Map.of("query", "Required parameter missing or invalid")));
        }
        String query = queryNode.asText();
        Map<String, Object> variables = body.path("variables").isObject()
                ? MAPPER.convertValue(body.get("variables"), new TypeReference<Map<String, Object>>() { })
                : Map.of();
        String operationName = body.path("operationName").isTextual() ? body.get("operationName").asText() : null;

        Document document;
        try {
            document = Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            return errors(List.of(error(e.getMessage(), e.getLocation() == null ? List.of() : List.of(e.getLocation()),
                    "PARSE_ERROR")), null);
        }
        List<ValidationError> invalid = ParseAndValidate.validate(ShopifyAdminSchema.schema(), document,
                Locale.ENGLISH);
        if (!invalid.isEmpty()) {
            List<Map<String, Object>> shaped = new ArrayList<>();
            for (ValidationError v : invalid) {
                shaped.add(error(v.getDescription() == null ? v.getMessage() : v.getDescription(), v.getLocations(),
                        validationCode(v)));
            }
            return errors(shaped, null);
        }

        String token = request.header("X-Shopify-Access-Token").orElse("");
        CostBucket bucket = buckets.forToken(token);
        long requested;
        try {
            requested = QueryCost.of(ShopifyAdminSchema.schema(), document, operationName, variables, null);
        } catch (IllegalArgumentException e) {
            return errors(List.of(error(e.getMessage(), List.of(), "BAD_REQUEST")), null);
        }
        if (requested > bucket.size()) {
            return errors(List.of(error("Query cost is " + requested + ", which exceeds the single query max cost limit ("
                    + (long) bucket.size() + "). See https://shopify.dev/concepts/about-apis/rate-limits for more"
                    + " information on how the cost of a query is calculated. To query larger amounts of data with"
                    + " fewer limits, bulk operations should be used instead.", List.of(), "MAX_COST_EXCEEDED")),
                    cost(requested, null, bucket));
        }
        Duration wait = bucket.tryCharge(clock.instant(), requested);
        if (!wait.isZero()) {
            return errors(List.of(error("Throttled", List.of(), "THROTTLED")), cost(requested, null, bucket));
        }

        ExecutionResult result = graphql.execute(ExecutionInput.newExecutionInput(query)
                .operationName(operationName)
                .variables(variables)
                .graphQLContext(Map.of(RootResolver.class, resolver))
                .build());
        Object data = result.getData();
        long actual = requested;
        if (data instanceof Map<?, ?> && result.getErrors().isEmpty()) {
            actual = Math.min(requested, QueryCost.of(ShopifyAdminSchema.schema(), document, operationName, variables,
                    data));
        }
        bucket.refund(clock.instant(), requested - actual);
        Map<String, Object> spec = new LinkedHashMap<>(result.toSpecification());
        spec.put("extensions", Map.of("cost", cost(requested, actual, bucket)));
        return SandboxResponse.json(200, spec);
    }

    private SandboxResponse errors(List<Map<String, Object>> errors, Map<String, Object> cost) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", errors);
        if (cost != null) {
            body.put("extensions", Map.of("cost", cost));
        }
        return SandboxResponse.json(200, body);
    }

    private Map<String, Object> cost(long requested, Long actual, CostBucket bucket) {
        ShopifyThrottleStatus s = bucket.status(clock.instant());
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("requestedQueryCost", requested);
        cost.put("actualQueryCost", actual);
        Map<String, Object> throttle = new LinkedHashMap<>();
        throttle.put("maximumAvailable", s.maximumAvailable());
        throttle.put("currentlyAvailable", (long) s.currentlyAvailable());
        throttle.put("restoreRate", s.restoreRate());
        cost.put("throttleStatus", throttle);
        return cost;
    }

    private static Map<String, Object> error(String message, List<SourceLocation> locations, String code) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", message);
        List<Map<String, Integer>> where = new ArrayList<>();
        for (SourceLocation l : locations) {
            where.add(Map.of("line", l.getLine(), "column", l.getColumn()));
        }
        if (!where.isEmpty()) {
            e.put("locations", where);
        }
        e.put("extensions", Map.of("code", code));
        return e;
    }

    /** Shopify (graphql-ruby) style codes for graphql-java's validation error types. */
    private static String validationCode(GraphQLError error) {
        String type = String.valueOf(error.getErrorType());
        if (error instanceof ValidationError v && v.getValidationErrorType() != null) {
            type = v.getValidationErrorType().toString();
        }
        switch (type) {
            case "FieldUndefined":
                return "undefinedField";
            case "UnknownArgument":
                return "argumentNotAccepted";
            case "MissingFieldArgument":
                return "missingRequiredArguments";
            case "WrongType":
                return "argumentLiteralsIncompatible";
            case "UnknownType":
                return "undefinedType";
            case "VariableTypeMismatch":
                return "variableMismatch";
            case "UndefinedVariable":
                return "variableNotDefined";
            case "SubselectionRequired":
                return "selectionMismatch";
            default:
                return type.isEmpty() ? "invalid" : Character.toLowerCase(type.charAt(0)) + type.substring(1);
        }
    }

    // ------------------------------------------------------------------ staged uploads, downloads

    /**
     * Receives the content of a staged upload: multipart POST (the file in part {@code file},
     * the target's parameters as other fields) or a raw PUT.
     *
     * @param request the upload request
     * @return 201 for POST (as {@code success_action_status}), 200 for PUT
     */
    public SandboxResponse receiveUpload(SandboxRequest request) {
        String key = request.pathParam("key");
        SandboxStagedUpload target = state.upload(key).orElse(null);
        if (target == null) {
            return xmlError(404, "NoSuchUpload", "No staged upload target " + key);
        }
        if (!target.httpMethod().equals(request.method())) {
            return xmlError(405, "MethodNotAllowed", "This target expects " + target.httpMethod());
        }
        byte[] content;
        if ("POST".equals(request.method())) {
            List<MultipartPart> parts = request.multipart();
            Optional<MultipartPart> keyField = parts.stream().filter(p -> p.name().equals("key")).findFirst();
            if (keyField.isEmpty() || !keyField.get().text().equals(objectKey(target))) {
                return xmlError(400, "InvalidArgument", "Form field 'key' must be the target's parameter value");
            }
            Optional<MultipartPart> file = parts.stream().filter(p -> p.name().equals("file")).findFirst();
            if (file.isEmpty()) {
                return xmlError(400, "InvalidArgument", "Form part 'file' is missing");
            }
            int index = parts.indexOf(file.get());
            if (index != parts.size() - 1) {
                return xmlError(400, "InvalidArgument", "The 'file' part must be the last form field");
            }
            content = file.get().content();
        } else {
            content = request.body();
        }
        if (target.declaredSize() >= 0 && target.declaredSize() != content.length) {
            return xmlError(400, "EntityTooLarge", "Declared fileSize " + target.declaredSize() + " but received "
                    + content.length + " bytes");
        }
        SandboxStagedUpload uploaded = new SandboxStagedUpload(target.key(), target.url(), target.resourceUrl(),
                target.resource(), target.filename(), target.mimeType(), target.declaredSize(), target.httpMethod(),
                content.length, Optional.of(sha256(content)));
        state.storeUploadContent(uploaded, content);
        return "POST".equals(request.method())
                ? SandboxResponse.text(201, "application/xml", "<PostResponse><Key>" + objectKey(target)
                        + "</Key></PostResponse>")
                : SandboxResponse.status(200);
    }

    /**
     * The object key a staged target expects in its {@code key} form field.
     *
     * @param target the target
     * @return the key
     */
    static String objectKey(SandboxStagedUpload target) {
        return "tmp/" + target.key() + "/" + target.filename();
    }

    /**
     * Serves a file's bytes at its URL.
     *
     * @param request the request
     * @return the content
     */
    public SandboxResponse serveFile(SandboxRequest request) {
        String id = "gid://shopify/GenericFile/" + request.pathParam("id");
        Optional<SandboxFile> file = state.file(id);
        Optional<byte[]> content = state.fileContent(id);
        if (file.isEmpty() || content.isEmpty()) {
            return SandboxResponse.text(404, "text/plain", "Not Found");
        }
        return SandboxResponse.status(200).withHeader("Content-Type", file.get().mimeType()).withBody(content.get());
    }

    /**
     * Serves the JSONL result of a bulk operation.
     *
     * @param request the request
     * @return the JSONL
     */
    public SandboxResponse serveBulkResult(SandboxRequest request) {
        String id = "gid://shopify/BulkOperation/" + request.pathParam("id");
        return state.bulkResult(id)
                .map(b -> SandboxResponse.status(200).withHeader("Content-Type", "application/jsonl").withBody(b))
                .orElseGet(() -> SandboxResponse.text(404, "text/plain", "Not Found"));
    }

    private BulkJsonl.Result runBulk(SandboxBulkOperation operation) {
        ExecutionResult result = graphql.execute(ExecutionInput.newExecutionInput(operation.query())
                .graphQLContext(Map.of(RootResolver.class, resolver.forBulk()))
                .build());
        if (!result.getErrors().isEmpty()) {
            throw new IllegalStateException(result.getErrors().get(0).getMessage());
        }
        return BulkJsonl.write(result.getData());
    }

    private static SandboxResponse xmlError(int status, String code, String message) {
        return SandboxResponse.text(status, "application/xml", "<Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }
}
