ALTER TABLE "samples" ADD COLUMN "checks_definition" text;--> statement-breakpoint
ALTER TABLE "samples" ADD COLUMN "checks_failing" integer;