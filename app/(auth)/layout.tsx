import type { ReactNode } from "react";
import { CardPage } from "../_components/CardPage";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return <CardPage>{children}</CardPage>;
}
