ALTER TABLE "samples" ADD COLUMN "answer_verdict" text;--> statement-breakpoint
ALTER TABLE "samples" ADD COLUMN "search_text" text;