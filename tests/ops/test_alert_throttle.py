from datetime import UTC, datetime, timedelta

from bot.ops.alerts import AlertDecision, AlertThrottle, error_key, feed_key

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def test_one_alert_per_feed_per_hour_with_held_back_count() -> None:
    clock = Clock()
    throttle = AlertThrottle(clock)
    assert throttle.admit(feed_key(1)) == AlertDecision(send=True, suppressed=0)
    clock.now = T0 + timedelta(minutes=20)
    assert throttle.admit(feed_key(1)) == AlertDecision(send=False)
    assert throttle.admit(feed_key(2)).send, "another feed is a separate subject"
    clock.now = T0 + timedelta(minutes=59, seconds=59)
    assert not throttle.admit(feed_key(1)).send
    clock.now = T0 + timedelta(hours=1)
    assert throttle.admit(feed_key(1)) == AlertDecision(send=True, suppressed=2)
    assert not throttle.admit(feed_key(1)).send


def _raise_here(kind: type[Exception]) -> BaseException:
    try:
        raise kind("boom")
    except Exception as exc:
        return exc


def test_error_key_names_type_and_line() -> None:
    first = _raise_here(ValueError)
    same_place = _raise_here(ValueError)
    other_type = _raise_here(KeyError)
    assert error_key(first) == error_key(same_place)
    assert error_key(first) != error_key(other_type)
    assert error_key(first).startswith("error:ValueError:")
    assert error_key(ValueError("never raised")) == "error:ValueError:?"


def test_subject_table_stays_bounded_without_early_alerts() -> None:
    clock = Clock()
    throttle = AlertThrottle(clock, max_subjects=3)
    for feed in range(3):
        assert throttle.admit(feed_key(feed)).send
    clock.now = T0 + timedelta(minutes=30)
    # Table full, nothing expired: the new subject still goes out, old ones stay throttled.
    assert throttle.admit(feed_key(99)).send
    assert not throttle.admit(feed_key(0)).send
    clock.now = T0 + timedelta(hours=2)
    assert throttle.admit(feed_key(100)).send
    assert throttle.admit(feed_key(0)).send
