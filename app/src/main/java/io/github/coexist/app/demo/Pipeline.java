package io.github.coexist.app.demo;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.time.Instant;

/** How a team's pipeline reaches coexist: straight through the app, or as GitHub webhooks. */
interface Pipeline {
  /** Asks the gate for {@code release}; answers the change as the gate decided it. */
  Either<CoexistError, Change> ask(Release release);

  /** The approved release's deployment started now. */
  Either<CoexistError, ?> started(Release release, Change change);

  /** The release's deployment, started at {@code startedAt}, finished now. */
  Either<CoexistError, ?> finished(Release release, Change change, Instant startedAt);

  /** Where the pipeline's side of the story is kept, for the account ("GitHub: ..."); empty when nowhere. */
  default String where(Release release) {
    return "";
  }
}
