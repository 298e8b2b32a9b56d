-- AlterTable
ALTER TABLE "sns_subscriptions" ADD COLUMN     "authenticate_on_unsubscribe" BOOLEAN NOT NULL DEFAULT false;

