package io.patternhub.testkit.shopify.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.testkit.shopify.SandboxLineItem;
import io.patternhub.testkit.shopify.SandboxOrder;
import io.patternhub.testkit.shopify.SandboxProduct;
import io.patternhub.testkit.shopify.SandboxRefund;
import io.patternhub.testkit.shopify.SandboxTaxLine;
import io.patternhub.testkit.shopify.SandboxVariant;
import java.util.List;

/**
 * Webhook bodies in Shopify's shape: webhooks carry the REST representation (numeric {@code id},
 * snake_case fields, decimal strings) plus {@code admin_graphql_api_id}.
 */
public final class WebhookPayloads {
    private static final ObjectMapper MAPPER = PatternHubJson.newMapper();

    private WebhookPayloads() {
    }

    /**
     * The {@code orders/*} body.
     *
     * @param order the order
     * @return the JSON
     */
    public static String order(SandboxOrder order) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", ShopifyState.legacyId(order.id()));
        o.put("admin_graphql_api_id", order.id());
        o.put("name", order.name());
        o.put("email", order.email().orElse(null));
        o.put("created_at", order.createdAt().toString());
        o.put("updated_at", order.updatedAt().toString());
        o.put("currency", order.currency());
        o.put("financial_status", order.financialStatus().toLowerCase(java.util.Locale.ROOT));
        o.put("subtotal_price", order.subtotalBeforeDiscounts().subtract(order.totalDiscounts()).toPlainString());
        o.put("total_discounts", order.totalDiscounts().toPlainString());
        o.put("total_tax", order.totalTax().toPlainString());
        o.put("total_price", order.totalPrice().toPlainString());
        o.put("taxes_included", false);
        ArrayNode lines = o.putArray("line_items");
        for (SandboxLineItem line : order.lineItems()) {
            ObjectNode l = lines.addObject();
            l.put("id", ShopifyState.legacyId(line.id()));
            l.put("admin_graphql_api_id", line.id());
            l.put("sku", line.sku());
            l.put("title", line.title());
            l.put("quantity", line.quantity());
            l.put("price", line.unitPrice().toPlainString());
            l.put("total_discount", line.discount().toPlainString());
            taxLines(l.putArray("tax_lines"), line.taxLines());
        }
        ArrayNode codes = o.putArray("discount_codes");
        order.discountCodes().forEach(c -> codes.addObject().put("code", c).put("amount",
                order.totalDiscounts().toPlainString()).put("type", "fixed_amount"));
        ArrayNode refunds = o.putArray("refunds");
        order.refunds().forEach(r -> refunds.add(refundNode(order, r)));
        return write(o);
    }

    /**
     * The {@code refunds/create} body.
     *
     * @param order the order
     * @param refund the refund
     * @return the JSON
     */
    public static String refund(SandboxOrder order, SandboxRefund refund) {
        return write(refundNode(order, refund));
    }

    /**
     * The {@code products/update} body.
     *
     * @param product the product
     * @return the JSON
     */
    public static String product(SandboxProduct product) {
        ObjectNode p = MAPPER.createObjectNode();
        p.put("id", ShopifyState.legacyId(product.id()));
        p.put("admin_graphql_api_id", product.id());
        p.put("title", product.title());
        p.put("handle", product.handle());
        p.put("body_html", product.descriptionHtml());
        p.put("status", product.status().toLowerCase(java.util.Locale.ROOT));
        p.put("tags", String.join(", ", product.tags()));
        p.put("updated_at", product.updatedAt().toString());
        ArrayNode variants = p.putArray("variants");
        for (SandboxVariant v : product.variants()) {
            variants.addObject().put("id", ShopifyState.legacyId(v.id())).put("admin_graphql_api_id", v.id())
                    .put("sku", v.sku()).put("price", v.price().toPlainString()).put("title", v.title());
        }
        return write(p);
    }

    /**
     * The {@code app/uninstalled} body (the shop).
     *
     * @param shopDomain the shop domain
     * @return the JSON
     */
    public static String shop(String shopDomain) {
        ObjectNode s = MAPPER.createObjectNode();
        s.put("id", 548380009L);
        s.put("domain", shopDomain);
        s.put("myshopify_domain", shopDomain);
        return write(s);
    }

    /**
     * A mandatory privacy webhook body.
     *
     * @param topic the privacy topic
     * @param shopDomain the shop domain
     * @param customerEmail the customer (ignored for {@code shop/redact})
     * @param orderIds GIDs of the customer's orders
     * @return the JSON
     */
    public static String privacy(String topic, String shopDomain, String customerEmail, List<String> orderIds) {
        ObjectNode b = MAPPER.createObjectNode();
        b.put("shop_id", 548380009L);
        b.put("shop_domain", shopDomain);
        if (!"shop/redact".equals(topic)) {
            ObjectNode customer = b.putObject("customer");
            customer.put("id", 900000L + Math.abs(customerEmail.hashCode() % 100000));
            customer.put("email", customerEmail);
            customer.putNull("phone");
            ArrayNode orders = b.putArray("customers/redact".equals(topic) ? "orders_to_redact" : "orders_requested");
            orderIds.forEach(id -> orders.add(ShopifyState.legacyId(id)));
        }
        if ("customers/data_request".equals(topic)) {
            b.putObject("data_request").put("id", 9999L);
        }
        return write(b);
    }

    private static ObjectNode refundNode(SandboxOrder order, SandboxRefund refund) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("id", ShopifyState.legacyId(refund.id()));
        r.put("admin_graphql_api_id", refund.id());
        r.put("order_id", ShopifyState.legacyId(order.id()));
        r.put("created_at", refund.createdAt().toString());
        r.put("note", refund.note());
        ArrayNode transactions = r.putArray("transactions");
        transactions.addObject().put("kind", "refund").put("status", "success")
                .put("amount", refund.amount().toPlainString()).put("currency", order.currency())
                .put("gateway", "shopify_payments");
        return r;
    }

    private static void taxLines(ArrayNode target, List<SandboxTaxLine> taxes) {
        for (SandboxTaxLine t : taxes) {
            target.addObject().put("title", t.title()).put("rate", t.rate().doubleValue())
                    .put("price", t.amount().toPlainString()).put("channel_liable", false);
        }
    }

    private static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a webhook body", e);
        }
    }
}
