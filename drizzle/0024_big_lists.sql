CREATE INDEX "classification_entries_owner" ON "classification_entries" USING btree ("owner_person_id");--> statement-breakpoint
CREATE INDEX "classification_entries_proposer" ON "classification_entries" USING btree ("proposed_by");--> statement-breakpoint
CREATE INDEX "classification_entry_access_person" ON "classification_entry_access" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "classification_entry_access_unit" ON "classification_entry_access" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "training_attempts_assignment" ON "training_attempts" USING btree ("assignment_id","state");