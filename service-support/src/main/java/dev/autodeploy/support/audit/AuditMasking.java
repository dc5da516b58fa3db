package dev.autodeploy.support.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces the value of every field whose name looks secret ({@code password}, {@code token}, {@code secret},
 * {@code apiKey}, {@code privateKey}, {@code credentials}, {@code authorization}, …), at any depth, with
 * {@value #MASK}. Callers still mask what only they know is secret (a secret variable's {@code value}).
 */
public class AuditMasking {

    public static final String MASK = "********";
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api[-_]?key|private[-_]?key|credential|authorization|cookie"
                    + "|signing[-_]?key|webhook[-_]?key).*");

    public Map<String, Object> mask(Map<String, Object> fields) {
        Map<String, Object> masked = new LinkedHashMap<>();
        fields.forEach((name, value) -> masked.put(name,
                value != null && isSecretName(name) && !(value instanceof Boolean) ? MASK : maskNested(value)));
        return masked;
    }

    /** True for a field name whose value must never be recorded. */
    public boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    @SuppressWarnings("unchecked")
    private Object maskNested(Object value) {
        if (value instanceof Map<?, ?> map) {
            return mask((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> masked = new ArrayList<>(list.size());
            list.forEach(item -> masked.add(maskNested(item)));
            return masked;
        }
        return value;
    }
}
