// Collection-level learning: when a name confirmed by cues is learned by the
// other articles of the collection (company_learning.h).
#include <doctest/doctest.h>

#include "company_learning.h"

using segugio::index::kCandidatesPerConfirmation;
using segugio::index::learnable;

TEST_CASE("learnable: a confirmed name, unless far more articles write it without a cue") {
  struct Case {
    std::size_t confirmations;
    std::size_t candidates;
    bool expected;
  };
  const Case cases[] = {
      {0, 1, false},  // never confirmed: never learned
      {1, 0, true},
      {1, 1, true},
      {1, kCandidatesPerConfirmation, true},
      // `Agenda` confirmed once by mistake, capitalised in many articles.
      {1, kCandidatesPerConfirmation + 1, false},
      {3, 3 * kCandidatesPerConfirmation, true},
  };
  for (const Case& c : cases) {
    INFO(c.confirmations << " confirmations, " << c.candidates << " candidates");
    CHECK(learnable(c.confirmations, c.candidates) == c.expected);
  }
}
