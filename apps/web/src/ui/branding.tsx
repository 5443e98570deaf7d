import type { Branding } from '@atrium/shared';
import { createContext, useContext, useEffect } from 'react';
import { DEFAULT_BRANDING } from '../lib/branding';

const BrandingContext = createContext<Branding>(DEFAULT_BRANDING);

export const BrandingProvider = BrandingContext.Provider;

export function useBranding(): Branding {
  return useContext(BrandingContext);
}

/** Every page names itself and the MSP in the tab title, which is what screen readers announce first. */
export function usePageTitle(title?: string): void {
  const { name } = useBranding();
  useEffect(() => {
    document.title = title ? `${title} · ${name}` : name;
  }, [title, name]);
}

type BrandMarkProps = { size?: 'header' | 'hero' };

/** The MSP's logo and name. The logo is decorative: the name beside it says the same. */
export function BrandMark({ size = 'header' }: BrandMarkProps) {
  const { name, logoUrl } = useBranding();
  return (
    <span className={`brand brand-${size}`}>
      {logoUrl && <img className="brand-logo" src={logoUrl} alt="" />}
      <span className="brand-name">{name}</span>
    </span>
  );
}
