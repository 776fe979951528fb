"""Quality review (no Qt): versioned scorecards, weekly samples, reviews and their figures.

* :mod:`console.quality.rubrics`: rubrics and their versions, the seeded default;
* :mod:`console.quality.sampling`: the weekly draw per agent, set by a lead;
* :mod:`console.quality.reviews`: the reviewer's queue, reading, scoring, "my reviews";
* :mod:`console.quality.reports`: calibration between reviewers, scores per week.
"""

from __future__ import annotations

from console.quality.access import QualityAccess, QualityError, quality_access
from console.quality.reports import (
    BY_AGENT,
    BY_VENDOR,
    CalibrationPair,
    ScoreRow,
    calibration,
    scores_by_week,
)
from console.quality.reviews import (
    CommentView,
    MessagePair,
    QueueEntry,
    ReviewDetail,
    ReviewMaterial,
    ReviewSummary,
    ScoredItem,
    add_comment,
    review_detail,
    review_material,
    reviewer_queue,
    reviews_of_agent,
    submit_review,
)
from console.quality.rubrics import (
    DEFAULT_RUBRIC,
    ItemSpec,
    RubricItem,
    RubricView,
    current_rubric,
    ensure_default_rubric,
    localized,
    rubric_version,
    save_rubric,
)
from console.quality.sampling import (
    COUNT,
    SHARE,
    SampleResult,
    SamplingSettings,
    sample_week,
    sample_weeks,
    sampling_settings,
    save_sampling_settings,
    week_start,
)
from console.quality.scoring import FAILED, MET, NOT_MET, PARTLY, PASSED

__all__ = [
    "BY_AGENT",
    "BY_VENDOR",
    "COUNT",
    "DEFAULT_RUBRIC",
    "FAILED",
    "MET",
    "NOT_MET",
    "PARTLY",
    "PASSED",
    "SHARE",
    "CalibrationPair",
    "CommentView",
    "ItemSpec",
    "MessagePair",
    "QualityAccess",
    "QualityError",
    "QueueEntry",
    "ReviewDetail",
    "ReviewMaterial",
    "ReviewSummary",
    "RubricItem",
    "RubricView",
    "SampleResult",
    "SamplingSettings",
    "ScoreRow",
    "ScoredItem",
    "add_comment",
    "calibration",
    "current_rubric",
    "ensure_default_rubric",
    "localized",
    "quality_access",
    "review_detail",
    "review_material",
    "reviewer_queue",
    "reviews_of_agent",
    "rubric_version",
    "sample_week",
    "sample_weeks",
    "sampling_settings",
    "save_rubric",
    "save_sampling_settings",
    "scores_by_week",
    "submit_review",
    "week_start",
]
