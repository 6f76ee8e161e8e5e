package io.github.coexist.core.internal.records;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.vavr.control.Either;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Not API. How a {@link RecordBook} mirrors its records to the ITSM tool: a desk builds it from
 * its records port ({@code IncidentRecords}, {@code ProblemRecords}), its read-back type and where
 * its records keep the tool's key.
 *
 * @param <R> the record type, as coexist keeps it
 * @param <S> the record as the tool holds it, read back
 * @param system the short name of the tool, for logs
 * @param ensure creates the tool's record, or finds the one created before, and returns its key
 * @param update brings the tool's record to match the given one
 * @param created what {@code ensure} leaves in the tool
 * @param recorded what the tool holds once the record is fully recorded under the key
 * @param keyOf the key the record already carries, once the tool issued one
 * @param withKey the record carrying the key the tool issued
 */
public record SystemOfRecord<R, S>(
    Supplier<String> system,
    Function<R, Either<CoexistError, ExternalKey>> ensure,
    BiFunction<ExternalKey, R, Either<CoexistError, S>> update,
    BiFunction<ExternalKey, R, S> created,
    BiFunction<ExternalKey, R, S> recorded,
    Function<R, Optional<ExternalKey>> keyOf,
    BiFunction<R, ExternalKey, R> withKey) {
  public SystemOfRecord {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(ensure, "ensure");
    Objects.requireNonNull(update, "update");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(recorded, "recorded");
    Objects.requireNonNull(keyOf, "keyOf");
    Objects.requireNonNull(withKey, "withKey");
  }
}
