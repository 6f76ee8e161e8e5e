package io.github.coexist.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import io.github.coexist.core.kernel.Actor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The hash follows the documented encoding for texts of every length, ASCII or not. */
class AuditEncodingProperties {

  @Test
  @DisplayName("hashes short and long, ASCII and non-ASCII texts exactly as the documented encoding says")
  void documentedEncodingForAnyText() {
    qt().withExamples(300)
        .forAll(strings().betweenCodePoints(0x20, 0x2FF).ofLengthBetween(0, 80),
            strings().basicLatinAlphabet().ofLengthBetween(1, 70))
        .checkAssert((text, ascii) -> {
          AuditEntry entry = new AuditEntry(3, Instant.ofEpochSecond(1_741_082_400L, 7), Actor.person("p" + ascii),
              "change.decided", ascii, Optional.empty(), new TreeMap<>(Map.of("reasons", text)), text,
              AuditTrail.GENESIS, "");
          String canonical = "1:3;" + "12:1741082400.7;" + "6:PERSON;" + field("p" + ascii) + field("change.decided")
              + field(ascii) + "1:-;" + "1:1;" + field("reasons") + field(text) + field(text) + field(AuditTrail.GENESIS);
          assertThat(AuditTrail.hashOf(entry)).isEqualTo(sha256(canonical));
        });
  }

  private static String field(String value) {
    return value.length() + ":" + value + ";";
  }

  private static String sha256(String canonical) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
