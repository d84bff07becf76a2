package io.nash.hw;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON exactly as Python's {@code json.dump(obj, f, indent=2)} does, so our report files are
 * byte-compatible with FINN's: two-space indent, {@code ": "} and {@code ","} separators, floats in
 * Python's shortest {@code repr} form ({@code 6103.515625}, {@code 12.0}, {@code 1e-05}). Values
 * may be maps (written in iteration order), lists, strings, Integer/Long (ints), Double (floats)
 * and Boolean. Stateless; thread-safe.
 */
final class PyJson {
  private PyJson() {}

  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v, int indent) {
    if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        pad(sb, indent + 2);
        string(sb, String.valueOf(e.getKey()));
        sb.append(": ");
        write(sb, e.getValue(), indent + 2);
        sb.append(++i < m.size() ? ",\n" : "\n");
      }
      pad(sb, indent);
      sb.append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append("[\n");
      for (int i = 0; i < l.size(); i++) {
        pad(sb, indent + 2);
        write(sb, l.get(i), indent + 2);
        sb.append(i + 1 < l.size() ? ",\n" : "\n");
      }
      pad(sb, indent);
      sb.append(']');
    } else if (v instanceof String s) {
      string(sb, s);
    } else if (v instanceof Double d) {
      sb.append(pyFloat(d));
    } else if (v instanceof Float f) {
      sb.append(pyFloat(f.doubleValue()));
    } else if (v instanceof Number n) {
      sb.append(n.longValue());
    } else if (v instanceof Boolean b) {
      sb.append(b ? "true" : "false");
    } else if (v == null) {
      sb.append("null");
    } else {
      throw new IllegalArgumentException(
          "cannot write " + v.getClass().getSimpleName() + " as JSON");
    }
  }

  private static void pad(StringBuilder sb, int n) {
    sb.append(" ".repeat(n));
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** Python's {@code repr(float)}: shortest round-trip digits, exponent below 1e-4 or from 1e16. */
  public static String pyFloat(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exp = bd.precision() - bd.scale() - 1; // decimal exponent of the leading digit
    if (exp < -4 || exp >= 16) {
      String digits = bd.unscaledValue().abs().toString();
      String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String e = (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
      return (d < 0 ? "-" : "") + mant + "e" + e;
    }
    String plain = bd.toPlainString();
    return plain.contains(".") ? plain : plain + ".0";
  }
}
