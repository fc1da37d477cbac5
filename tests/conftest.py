import os

from hypothesis import HealthCheck, settings

# "ci" (the default, what the README's test command and .ci/run use): the same examples on every
# run (derandomize), so a submission is judged on what was run before it; "explore": fresh random
# examples and more of them, for hunting new failures (HYPOTHESIS_PROFILE=explore); "dev": few.
settings.register_profile(
    "ci", max_examples=60, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "explore", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "dev", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
