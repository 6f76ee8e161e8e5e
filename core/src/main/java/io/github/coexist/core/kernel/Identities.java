package io.github.coexist.core.kernel;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How account names are compared for separation of duties: two spellings that a person reads as
 * the same name are the same identity. Covers what attackers use in practice (case, Unicode
 * compatibility forms, invisible characters, the look-alike letters of Cyrillic and Greek); it is
 * not the whole of Unicode's confusables table.
 */
final class Identities {
  /** Look-alikes (lower case, after NFKC) and the Latin letter each passes for. */
  private static final String LOOK_ALIKES = "аеорсухіјѕԁԛԝһӏɑοαρντιкмтвнυχ";
  private static final String LATIN = "aeopcyxijsdqwhlaoapvtikmtbhux";

  private Identities() {}

  static String canonical(String name, String prefix) {
    String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(folded.length());
    for (int i = 0; i < folded.length(); ) {
      int c = folded.codePointAt(i);
      i += Character.charCount(c);
      if (Character.getType(c) == Character.FORMAT || Character.isWhitespace(c)) {
        continue;
      }
      int alike = c < Character.MIN_SUPPLEMENTARY_CODE_POINT ? LOOK_ALIKES.indexOf(c) : -1;
      out.appendCodePoint(alike >= 0 ? LATIN.charAt(alike) : c);
    }
    String identity = out.toString();
    return identity.startsWith(prefix) ? identity.substring(prefix.length()) : identity;
  }
}
