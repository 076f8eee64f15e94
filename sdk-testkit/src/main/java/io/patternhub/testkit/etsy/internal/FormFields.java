package io.patternhub.testkit.etsy.internal;

import io.patternhub.core.error.ValidationError;
import io.patternhub.testkit.SandboxRejection;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reading {@code application/x-www-form-urlencoded} fields the way Etsy's endpoints do. Not public API. */
final class FormFields {
    private FormFields() {
    }

    static SandboxRejection invalid(String field, String message) {
        return SandboxRejection.invalid(message, List.of(new ValidationError(field, "invalid", message)));
    }

    static Optional<String> text(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    static String requiredText(Map<String, List<String>> form, String name) {
        return nonBlank(name, text(form, name).orElseThrow(() -> invalid(name, "Missing required parameter: " + name)));
    }

    static String nonBlank(String name, String value) {
        if (value.isBlank()) {
            throw invalid(name, name + " must not be blank");
        }
        return value;
    }

    static long requiredLong(Map<String, List<String>> form, String name) {
        return longValue(form, name).orElseThrow(() -> invalid(name, "Missing required parameter: " + name));
    }

    static Optional<Long> longValue(Map<String, List<String>> form, String name) {
        return text(form, name).filter(v -> !v.isEmpty()).map(v -> {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw invalid(name, name + " must be an integer, was '" + v + "'");
            }
        });
    }

    static BigDecimal requiredDecimal(Map<String, List<String>> form, String name) {
        String v = requiredText(form, name);
        try {
            return new BigDecimal(v.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, name + " must be a number, was '" + v + "'");
        }
    }

    static Optional<Boolean> bool(Map<String, List<String>> form, String name) {
        return text(form, name).filter(v -> !v.isEmpty()).map(v -> {
            String s = v.trim().toLowerCase(Locale.ROOT);
            if (s.equals("true") || s.equals("1")) {
                return true;
            }
            if (s.equals("false") || s.equals("0")) {
                return false;
            }
            throw invalid(name, name + " must be true or false, was '" + v + "'");
        });
    }

    /** A list field: repeated keys ({@code tags=a&tags=b}) or one comma-separated value ({@code tags=a,b}). */
    static Optional<List<String>> list(Map<String, List<String>> form, String name) {
        List<String> values = form.containsKey(name) ? form.get(name) : form.get(name + "[]");
        if (values == null) {
            return Optional.empty();
        }
        return Optional.of(values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim)
                .filter(v -> !v.isEmpty()).collect(Collectors.toList()));
    }
}
