"""Quality review: queue, scorecards, sampling, calibration and scores."""
