package io.patternhub.testkit.shopify.internal;

import graphql.schema.DataFetchingEnvironment;
import io.patternhub.testkit.shopify.SandboxFile;
import io.patternhub.testkit.shopify.SandboxProduct;
import io.patternhub.testkit.shopify.SandboxVariant;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code productSet}: creates a product, or updates the one named by {@code input.id}; list fields
 * (variants, files, tags) are replaced as on Shopify. A handle already used by another product is
 * {@code HANDLE_NOT_UNIQUE}; an unknown id is {@code PRODUCT_DOES_NOT_EXIST}. Variants keep their id
 * when matched by id or SKU. {@code synchronous: false} answers with a completed
 * {@code productSetOperation} instead of the product.
 */
final class ProductSet {
    private final ShopifyState state;
    private final Clock clock;

    ProductSet(ShopifyState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    Map<String, Object> apply(DataFetchingEnvironment env, Function<SandboxProduct, Map<String, Object>> toNode) {
        Map<String, Object> input = env.getArgument("input");
        boolean synchronous = !Boolean.FALSE.equals(env.getArgument("synchronous"));
        List<Map<String, Object>> errors = new ArrayList<>();
        SandboxProduct result;
        synchronized (state) {
            result = set(input, errors);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        if (synchronous) {
            payload.put("product", result == null ? null : toNode.apply(result));
            payload.put("productSetOperation", null);
        } else {
            Map<String, Object> operation = ShopifyResolver.typed("ProductSetOperation", state.newId("ProductSetOperation"));
            operation.put("status", "COMPLETE");
            operation.put("product", result == null ? null : toNode.apply(result));
            operation.put("userErrors", errors);
            payload.put("product", null);
            payload.put("productSetOperation", operation);
        }
        payload.put("userErrors", errors);
        return payload;
    }

    private SandboxProduct set(Map<String, Object> in, List<Map<String, Object>> errors) {
        String id = (String) in.get("id");
        Optional<SandboxProduct> existing = Optional.empty();
        if (id != null) {
            existing = state.product(id);
            if (existing.isEmpty()) {
                errors.add(error(List.of("input", "id"), "Product does not exist", "PRODUCT_DOES_NOT_EXIST"));
                return null;
            }
        }
        String title = in.containsKey("title") ? (String) in.get("title") : existing.map(SandboxProduct::title).orElse(null);
        if (title == null || title.isBlank()) {
            errors.add(error(List.of("input", "title"), "Title can't be blank", "INVALID_PRODUCT"));
            return null;
        }
        String handle = (String) in.get("handle");
        if (handle == null) {
            handle = existing.map(SandboxProduct::handle).orElseGet(() -> uniqueHandle(slug(title)));
        }
        String finalHandle = handle;
        Optional<SandboxProduct> holder = state.productByHandle(handle);
        if (holder.isPresent() && existing.map(p -> !p.id().equals(holder.get().id())).orElse(true)) {
            errors.add(error(List.of("input", "handle"), "Handle '" + finalHandle + "' already in use. Please provide a new handle.",
                    "HANDLE_NOT_UNIQUE"));
            return null;
        }
        List<SandboxVariant> variants = existing.map(SandboxProduct::variants).orElse(List.of());
        if (in.get("variants") instanceof List<?> given) {
            variants = variants(given, variants, errors);
            if (variants == null) {
                return null;
            }
        }
        if (variants.isEmpty()) {
            variants = List.of(new SandboxVariant(state.newId("ProductVariant"), "", BigDecimal.ZERO.setScale(2), null));
        }
        List<String> fileIds = existing.map(SandboxProduct::fileIds).orElse(List.of());
        if (in.get("files") instanceof List<?> files) {
            fileIds = files(files, errors);
            if (fileIds == null) {
                return null;
            }
        }
        @SuppressWarnings("unchecked")
        List<String> tags = in.containsKey("tags") ? Objects.requireNonNullElse((List<String>) in.get("tags"), List.of())
                : existing.map(SandboxProduct::tags).orElse(List.of());
        String description = in.containsKey("descriptionHtml") ? (String) in.get("descriptionHtml")
                : existing.map(SandboxProduct::descriptionHtml).orElse("");
        String status = in.get("status") != null ? (String) in.get("status")
                : existing.map(SandboxProduct::status).orElse("ACTIVE");
        Instant now = clock.instant();
        SandboxProduct product = new SandboxProduct(existing.map(SandboxProduct::id).orElseGet(() -> state.newId("Product")),
                handle, title, description, tags, status, variants, fileIds,
                existing.map(SandboxProduct::createdAt).orElse(now), now);
        state.putProduct(product);
        return product;
    }

    private List<SandboxVariant> variants(List<?> given, List<SandboxVariant> current, List<Map<String, Object>> errors) {
        List<SandboxVariant> result = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> v = (Map<String, Object>) given.get(i);
            String sku = (String) v.get("sku");
            String variantId = (String) v.get("id");
            if (variantId != null && current.stream().noneMatch(c -> c.id().equals(variantId))) {
                errors.add(error(List.of("input", "variants", String.valueOf(i), "id"), "Product variant does not exist",
                        "PRODUCT_VARIANT_DOES_NOT_EXIST"));
                return null;
            }
            Optional<SandboxVariant> match = current.stream()
                    .filter(c -> variantId != null ? c.id().equals(variantId) : sku != null && c.sku().equals(sku))
                    .findFirst();
            BigDecimal price;
            try {
                price = v.get("price") == null ? match.map(SandboxVariant::price).orElse(BigDecimal.ZERO)
                        : new BigDecimal(String.valueOf(v.get("price")));
            } catch (NumberFormatException e) {
                errors.add(error(List.of("input", "variants", String.valueOf(i), "price"), "Price is invalid",
                        "INVALID_VARIANT"));
                return null;
            }
            if (price.signum() < 0) {
                errors.add(error(List.of("input", "variants", String.valueOf(i), "price"),
                        "Price must be greater than or equal to 0", "INVALID_VARIANT"));
                return null;
            }
            result.add(new SandboxVariant(match.map(SandboxVariant::id).orElseGet(() -> state.newId("ProductVariant")),
                    sku, price, optionTitle(v.get("optionValues"))));
        }
        return result;
    }

    private static String optionTitle(Object optionValues) {
        if (!(optionValues instanceof List<?> values) || values.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (Object o : values) {
            if (o instanceof Map<?, ?> m && m.get("name") != null) {
                names.add(String.valueOf(m.get("name")));
            }
        }
        return names.isEmpty() ? null : String.join(" / ", names);
    }

    private List<String> files(List<?> given, List<Map<String, Object>> errors) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Map<?, ?> f = (Map<?, ?>) given.get(i);
            Optional<SandboxFile> file = Optional.empty();
            if (f.get("id") != null) {
                file = state.file((String) f.get("id"));
            } else if (f.get("originalSource") != null) {
                String source = (String) f.get("originalSource");
                file = state.files().stream().filter(x -> x.originalSource().equals(source)).findFirst();
            }
            if (file.isEmpty()) {
                errors.add(error(List.of("input", "files", String.valueOf(i)),
                        "File does not exist; create it with fileCreate first", "INVALID_INPUT"));
                return null;
            }
            ids.add(file.get().id());
        }
        return ids;
    }

    private String uniqueHandle(String base) {
        String candidate = base;
        int n = 1;
        while (state.productByHandle(candidate).isPresent()) {
            candidate = base + "-" + n++;
        }
        return candidate;
    }

    private static String slug(String title) {
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "product" : slug;
    }

    private static Map<String, Object> error(List<String> field, String message, String code) {
        return ShopifyResolver.userError(field, message, code);
    }
}
