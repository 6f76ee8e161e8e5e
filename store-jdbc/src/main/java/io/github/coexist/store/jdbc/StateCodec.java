package io.github.coexist.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.store.StoredRecord;
import io.vavr.control.Either;

/**
 * The JSON of every {@link StoredRecord} and every {@link Signal}, derived from their declared
 * types (see {@link Shapes}): records by their components, core's Immutables values by the
 * attributes their builders take, sealed types by the simple name of the case, enums by name,
 * times as ISO-8601 text. No class name is written, so a class may move or be renamed without
 * breaking stored data (a case or a component renamed does break it). Reading ignores properties
 * the types do not have and reads missing optionals and collections as empty; every value is
 * rebuilt through its public constructor or builder, which checks it. The JSON is ASCII, other
 * characters escaped, so text survives any database encoding exactly. Built once (the shapes are
 * found by reflection), then thread-safe.
 */
final class StateCodec {
  // ASCII only, other chars escaped: any Java string, an unpaired surrogate included, survives a
  // database's text encoding unchanged.
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .build();
  private static final StateCodec INSTANCE = new StateCodec();

  private final Shape records;
  private final Shape signals;

  private StateCodec() {
    Shapes shapes = new Shapes();
    this.records = shapes.of(StoredRecord.class, "StoredRecord");
    this.signals = shapes.of(Signal.class, "Signal");
  }

  /** The codec; the first call finds every shape. */
  static StateCodec get() {
    return INSTANCE;
  }

  /** {@code record} as JSON, or why it cannot be. */
  Either<CoexistError, String> encode(StoredRecord record) {
    return encode(records, record, "the " + record.kind() + " record " + Shapes.quote(record.key()));
  }

  /** {@code signal} as JSON, or why it cannot be. */
  Either<CoexistError, String> encode(Signal signal) {
    return encode(signals, signal, "the signal " + signal.getClass().getSimpleName());
  }

  /**
   * The record kept as {@code json} under {@code kind} and {@code key}; a record that cannot be read,
   * or that is not of that kind and key, is an {@link CoexistError.InvalidInput} naming them.
   */
  Either<CoexistError, StoredRecord> decodeRecord(String kind, String key, String json) {
    String what = "the stored " + kind + " record " + Shapes.quote(key);
    return decode(records, json, what).map(StoredRecord.class::cast).flatMap(record ->
        record.kind().equals(kind) && record.key().equals(key) ? Either.right(record)
            : Either.left(unreadable(what, "it holds the " + record.kind() + " record "
                + Shapes.quote(record.key()))));
  }

  /** The signal kept as {@code json}; {@code what} names it in an error ("inbox entry 7, github:..."). */
  Either<CoexistError, Signal> decodeSignal(String what, String json) {
    return decode(signals, json, what).map(Signal.class::cast);
  }

  private static Either<CoexistError, String> encode(Shape shape, Object value, String what) {
    try {
      return Either.right(JSON.writeValueAsString(shape.write(value)));
    } catch (CodecFailure | JsonProcessingException e) {
      return Either.left(CoexistError.invalid(what + " cannot be stored: " + e.getMessage()));
    }
  }

  private static Either<CoexistError, Object> decode(Shape shape, String json, String what) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || node.isMissingNode() || node.isNull()) {
        return Either.left(unreadable(what, "it is empty"));
      }
      return Either.right(shape.read(node));
    } catch (CodecFailure e) {
      return Either.left(unreadable(what, e.getMessage()));
    } catch (JsonProcessingException e) {
      return Either.left(unreadable(what, "it is not JSON (" + e.getOriginalMessage() + ")"));
    }
  }

  private static CoexistError unreadable(String what, String why) {
    return CoexistError.invalid(what + " cannot be read, " + why
        + "; it was written by another version of coexist or changed outside it");
  }
}
