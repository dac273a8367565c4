-- The metrics query groups campaign members by (unit, role, group); without multi-column statistics the
-- planner misjudges how many groups there are and picks a slower plan (bench:selfcheck).
CREATE STATISTICS IF NOT EXISTS campaign_members_groups (ndistinct) ON unit_path, role_key, metric_group FROM campaign_members;
