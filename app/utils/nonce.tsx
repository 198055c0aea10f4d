/** The CSP nonce of this response, for Remix's inline scripts (empty in the browser, which hides it). */
import { createContext, useContext } from "react";

const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
