import { z } from "zod";
import { TEAM_ROLES } from "./roles";

export const Email = z.string().trim().toLowerCase().email("Enter a valid email address").max(254);
export const Password = z
  .string()
  .min(8, "Password must be at least 8 characters")
  .max(256, "Password must be at most 256 characters");
export const PersonName = z.string().trim().min(1, "Enter your name").max(100);
export const TeamName = z.string().trim().min(1, "Enter a team name").max(64);
export const AccountId = z.string().regex(/^\d{12}$/, "Account IDs are 12 digits");
export const Role = z.enum(TEAM_ROLES);
