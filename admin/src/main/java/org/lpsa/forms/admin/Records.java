package org.lpsa.forms.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Items as plain values for output, and paging through every page of a query or scan. */
final class Records {
    private Records() {}

    /** Every item of every page: DynamoDB pages at 1 MB, nothing is silently cut. */
    static List<Map<String, AttributeValue>> all(Function<Map<String, AttributeValue>, PageResult> page,
                                                 Consumer<Integer> progress) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            PageResult result = page.apply(start);
            items.addAll(result.items());
            progress.accept(items.size());
            start = result.lastKey() == null || result.lastKey().isEmpty() ? null : result.lastKey();
        } while (start != null);
        return items;
    }

    record PageResult(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> lastKey) {}

    /** An item as JSON-ready values, attributes sorted by name. */
    static Map<String, Object> plain(Map<String, AttributeValue> item) {
        Map<String, Object> out = new TreeMap<>();
        item.forEach((k, v) -> out.put(k, plain(v)));
        return out;
    }

    static Object plain(AttributeValue v) {
        return switch (v.type()) {
            case S -> v.s();
            case N -> v.n().contains(".") ? Double.valueOf(v.n()) : (Object) Long.valueOf(v.n());
            case BOOL -> v.bool();
            case NUL -> null;
            case SS -> v.ss().stream().sorted().toList();
            case NS -> v.ns();
            case L -> v.l().stream().map(Records::plain).toList();
            case M -> {
                Map<String, Object> m = new LinkedHashMap<>();
                v.m().forEach((k, x) -> m.put(k, plain(x)));
                yield m;
            }
            default -> String.valueOf(v);
        };
    }
}
