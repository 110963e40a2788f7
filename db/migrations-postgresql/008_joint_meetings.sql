-- 008_joint_meetings.sql — seed 003's "Genomföra utförarträffar" is one quarterly meeting of
-- the deputy director with all providers of the service area, not one per agreement. Its
-- level becomes "joint": one task of the routine, recorded once with the providers who came.
-- The per-agreement meetings still planned go; those already held or begun are kept.
UPDATE routine_activity SET level = 'joint'
 WHERE name = 'Utförarträff' AND level = 'provider'
   AND routine_id IN (SELECT id FROM routine WHERE builtin = 1);
DELETE FROM follow_up
 WHERE agreement_id IS NOT NULL AND status = 'planned'
   AND activity_id IN (SELECT id FROM routine_activity WHERE level = 'joint')
   AND NOT EXISTS (SELECT 1 FROM follow_up_record r WHERE r.follow_up_id = follow_up.id);
