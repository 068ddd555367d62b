//! What a slide's pointers, wheel and double clicks do, as arithmetic on
//! named values: [`Zoom`] is how the image is shown, [`Pointers`] follows the
//! fingers or the mouse on the stage and says what they did. No DOM here, so
//! every rule has a native test.
//!
//! Long only by its small named types and their methods, each short.

/// The zoom factor of a double click, double tap or the zoom button.
pub const ZOOM_STEP: f64 = 2.5;
/// The most a wheel or pinch may zoom.
pub const MAX_ZOOM: f64 = 4.0;
/// What one wheel notch multiplies the zoom by, in and out.
const WHEEL_IN: f64 = 1.25;
const WHEEL_OUT: f64 = 0.8;
/// The most one pointer move may change a pinch's zoom by, either way: a
/// jump of the fingers' distance (a finger lifted and put back) cannot
/// throw the image to either end.
const PINCH_STEP: (f64, f64) = (0.5, 2.0);
/// Two taps closer than this, in ms, are a double tap.
const DOUBLE_TAP_MS: f64 = 300.0;
/// A press that moved less than this, in CSS pixels either way, is a tap.
const TAP_SLOP_PX: f64 = 10.0;
/// The smallest movement, in CSS pixels, that counts as a swipe.
pub const SWIPE_MIN_PX: f64 = 50.0;

/// A position in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    fn distance(self, other: Point) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }
}

/// The stage's size in CSS pixels: what bounds the pan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    pub width: f64,
    pub height: f64,
}

/// How the image is shown: its scale (1 = fitted) and its offset from the
/// centre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Zoom {
    pub scale: f64,
    pub pan: Point,
}

impl Default for Zoom {
    fn default() -> Zoom {
        Zoom {
            scale: 1.0,
            pan: Point::default(),
        }
    }
}

impl Zoom {
    pub fn is_zoomed(self) -> bool {
        self.scale > 1.0
    }

    /// Zoomed to `scale` (within 1 and [`MAX_ZOOM`]), the pan brought within
    /// the new bounds.
    pub fn scaled(self, scale: f64, stage: Size) -> Zoom {
        let scale = scale.clamp(1.0, MAX_ZOOM);
        Zoom {
            scale,
            pan: Point::new(
                clamp_pan(self.pan.x, stage.width, scale),
                clamp_pan(self.pan.y, stage.height, scale),
            ),
        }
    }

    /// Panned to `pan`, within bounds.
    pub fn panned(self, pan: Point, stage: Size) -> Zoom {
        Zoom {
            scale: self.scale,
            pan: Point::new(
                clamp_pan(pan.x, stage.width, self.scale),
                clamp_pan(pan.y, stage.height, self.scale),
            ),
        }
    }

    /// A double click, double tap or the zoom button: in by [`ZOOM_STEP`], or
    /// back to fitted.
    pub fn toggled(self, stage: Size) -> Zoom {
        if self.is_zoomed() {
            Zoom::default()
        } else {
            self.scaled(ZOOM_STEP, stage)
        }
    }

    /// One wheel notch: in when the wheel turns away from the reader.
    pub fn wheeled(self, delta_y: f64, stage: Size) -> Zoom {
        let factor = if delta_y < 0.0 { WHEEL_IN } else { WHEEL_OUT };
        self.scaled(self.scale * factor, stage)
    }

    /// The image's CSS `transform`, in whole pixels and hundredths of the
    /// scale, written as integers: formatting a float links 10 kB of code
    /// into the wasm (measured in docs/performance.md).
    pub fn transform(self) -> String {
        let hundredths = (self.scale * 100.0).round() as i64;
        format!(
            "translate({}px, {}px) scale({}.{:02})",
            self.pan.x.round() as i64,
            self.pan.y.round() as i64,
            hundredths / 100,
            hundredths % 100
        )
    }
}

/// Keeps a zoomed image's pan offset within bounds so that the image always
/// covers the centre of the view: at `scale`, the image of size `size` may move
/// at most half of what zooming added on each side.
pub fn clamp_pan(offset: f64, size: f64, scale: f64) -> f64 {
    let limit = (size * (scale - 1.0) / 2.0).max(0.0);
    offset.clamp(-limit, limit)
}

/// What a horizontal or downward swipe means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swipe {
    /// Towards the next slide (finger moved left).
    Next,
    /// Towards the previous slide (finger moved right).
    Previous,
    /// Close (finger moved down).
    Close,
}

/// Reads a pointer's movement from press to release as a swipe, if it was one.
pub fn swipe(dx: f64, dy: f64) -> Option<Swipe> {
    if dx.abs() >= SWIPE_MIN_PX && dx.abs() > dy.abs() * 1.5 {
        Some(if dx < 0.0 {
            Swipe::Next
        } else {
            Swipe::Previous
        })
    } else if dy >= SWIPE_MIN_PX * 1.6 && dy > dx.abs() * 1.5 {
        Some(Swipe::Close)
    } else {
        None
    }
}

/// A pointer on the stage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pointer {
    pub id: i32,
    pub at: Point,
    /// A finger, rather than a mouse or pen: only fingers double-tap.
    pub touch: bool,
}

/// The gesture under way, with what it started from.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Gesture {
    /// One pointer: a pan while zoomed; on release a swipe or a tap.
    Drag { start: Point, from: Zoom },
    /// Two pointers: the zoom follows their distance, measured against the
    /// distance between them when the second one came down.
    Pinch { distance: f64, from: Zoom },
}

/// What lifting a pointer did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Release {
    Swipe(Swipe),
    /// A double tap: toggle the zoom.
    DoubleTap,
    Nothing,
}

/// The pointers on a slide's stage and the gesture they make.
#[derive(Debug, Clone, Default)]
pub struct Pointers {
    down: Vec<Pointer>,
    gesture: Option<Gesture>,
    /// When the last single tap ended, in ms, waiting for a second.
    last_tap: Option<f64>,
}

impl Pointers {
    /// A pointer came down while the image was shown at `zoom`. A third
    /// finger changes nothing: the first two still pinch.
    pub fn down(&mut self, pointer: Pointer, zoom: Zoom) {
        self.down.retain(|known| known.id != pointer.id);
        self.down.push(pointer);
        self.gesture = match self.down.as_slice() {
            [only] => Some(Gesture::Drag {
                start: only.at,
                from: zoom,
            }),
            [first, second] => Some(Gesture::Pinch {
                distance: first.at.distance(second.at).max(1.0),
                from: zoom,
            }),
            _ => self.gesture,
        };
    }

    /// A pointer moved to `at`: the zoom it leads to, if it changes.
    pub fn moved(&mut self, id: i32, at: Point, zoom: Zoom, stage: Size) -> Option<Zoom> {
        let pointer = self.down.iter_mut().find(|pointer| pointer.id == id)?;
        pointer.at = at;
        match self.gesture? {
            Gesture::Pinch { distance, from } => {
                let now = self.down[0].at.distance(self.down[1].at);
                let change = (now / distance).clamp(PINCH_STEP.0, PINCH_STEP.1);
                Some(zoom.scaled(from.scale * change, stage))
            }
            Gesture::Drag { start, from } if zoom.is_zoomed() => Some(zoom.panned(
                Point::new(from.pan.x + at.x - start.x, from.pan.y + at.y - start.y),
                stage,
            )),
            Gesture::Drag { .. } => None,
        }
    }

    /// A pointer was lifted at `at`, `now` ms into the page's life. Ends the
    /// gesture: a finger left after a pinch does not pan until it is lifted
    /// and put down again.
    pub fn up(&mut self, id: i32, at: Point, zoom: Zoom, now: f64) -> Release {
        let lifted = self.down.iter().find(|pointer| pointer.id == id).copied();
        self.down.retain(|pointer| pointer.id != id);
        let gesture = self.gesture.take();
        let (Some(lifted), Some(Gesture::Drag { start, .. })) = (lifted, gesture) else {
            return Release::Nothing;
        };
        let (dx, dy) = (at.x - start.x, at.y - start.y);
        if let Some(found) = swipe(dx, dy).filter(|_| !zoom.is_zoomed()) {
            return Release::Swipe(found);
        }
        if !lifted.touch || dx.abs() >= TAP_SLOP_PX || dy.abs() >= TAP_SLOP_PX {
            return Release::Nothing;
        }
        match self.last_tap.take() {
            Some(before) if now - before < DOUBLE_TAP_MS => Release::DoubleTap,
            _ => {
                self.last_tap = Some(now);
                Release::Nothing
            }
        }
    }

    /// The browser took the pointers (a scroll, a system gesture).
    pub fn cancel(&mut self) {
        self.down.clear();
        self.gesture = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STAGE: Size = Size {
        width: 400.0,
        height: 300.0,
    };

    fn finger(id: i32, x: f64, y: f64) -> Pointer {
        Pointer {
            id,
            at: Point::new(x, y),
            touch: true,
        }
    }

    #[test]
    fn swipes() {
        assert_eq!(swipe(-80.0, 5.0), Some(Swipe::Next));
        assert_eq!(swipe(80.0, -10.0), Some(Swipe::Previous));
        assert_eq!(swipe(5.0, 120.0), Some(Swipe::Close));
        assert_eq!(swipe(20.0, 10.0), None);
        assert_eq!(swipe(60.0, 60.0), None);
    }

    #[test]
    fn pan_is_bounded() {
        assert_eq!(clamp_pan(500.0, 400.0, 2.0), 200.0);
        assert_eq!(clamp_pan(-500.0, 400.0, 2.0), -200.0);
        assert_eq!(clamp_pan(50.0, 400.0, 1.0), 0.0);
    }

    #[test]
    fn zoom_stays_between_fitted_and_the_maximum() {
        let zoomed = Zoom::default().toggled(STAGE);
        assert_eq!(zoomed.scale, ZOOM_STEP);
        assert_eq!(zoomed.toggled(STAGE), Zoom::default());
        let mut zoom = Zoom::default();
        for _ in 0..20 {
            zoom = zoom.wheeled(-1.0, STAGE);
        }
        assert_eq!(zoom.scale, MAX_ZOOM);
        for _ in 0..20 {
            zoom = zoom.wheeled(1.0, STAGE);
        }
        assert_eq!(zoom, Zoom::default());
        // Zooming out brings the pan back within the smaller bounds.
        let panned = Zoom::default()
            .scaled(3.0, STAGE)
            .panned(Point::new(900.0, -900.0), STAGE);
        assert_eq!(panned.pan, Point::new(400.0, -300.0));
        assert_eq!(panned.scaled(2.0, STAGE).pan, Point::new(200.0, -150.0));
        assert_eq!(panned.transform(), "translate(400px, -300px) scale(3.00)");
        assert_eq!(
            Zoom::default().wheeled(-1.0, STAGE).transform(),
            "translate(0px, 0px) scale(1.25)"
        );
    }

    #[test]
    fn a_pinch_compares_the_fingers_distance_with_its_start() {
        let mut pointers = Pointers::default();
        let zoom = Zoom::default();
        pointers.down(finger(1, 100.0, 100.0), zoom);
        pointers.down(finger(2, 200.0, 100.0), zoom);
        // The second finger moves 10 px away: the distance grows by a tenth.
        // (It was once measured against the moving finger's own travel,
        // 10 px, and jumped to the largest step.)
        let zoom = pointers
            .moved(2, Point::new(210.0, 100.0), zoom, STAGE)
            .unwrap();
        assert!((zoom.scale - 1.1).abs() < 1e-9, "{}", zoom.scale);
        // The first finger moves away too: measured from the start, not
        // from the last move.
        let zoom = pointers
            .moved(1, Point::new(10.0, 100.0), zoom, STAGE)
            .unwrap();
        assert!((zoom.scale - 2.0).abs() < 1e-9, "{}", zoom.scale);
        // Fingers closer than at the start zoom out, but never below fitted.
        let zoom = pointers
            .moved(1, Point::new(180.0, 100.0), zoom, STAGE)
            .unwrap();
        assert_eq!(zoom.scale, 1.0);
    }

    #[test]
    fn a_pinch_starts_from_the_zoom_it_found() {
        let mut pointers = Pointers::default();
        let zoom = Zoom::default().scaled(2.0, STAGE);
        pointers.down(finger(1, 0.0, 0.0), zoom);
        pointers.down(finger(2, 100.0, 0.0), zoom);
        let zoom = pointers
            .moved(2, Point::new(150.0, 0.0), zoom, STAGE)
            .unwrap();
        assert!((zoom.scale - 3.0).abs() < 1e-9);
        // A third finger leaves the pinch to the first two.
        pointers.down(finger(3, 300.0, 300.0), zoom);
        assert_eq!(
            pointers.moved(3, Point::new(310.0, 300.0), zoom, STAGE),
            Some(zoom)
        );
        // Lifting a finger ends the pinch; the one left does not pan.
        assert_eq!(
            pointers.up(2, Point::new(150.0, 0.0), zoom, 0.0),
            Release::Nothing
        );
        assert_eq!(pointers.moved(1, Point::new(50.0, 0.0), zoom, STAGE), None);
    }

    #[test]
    fn one_pointer_pans_only_a_zoomed_image() {
        let mut pointers = Pointers::default();
        pointers.down(finger(1, 100.0, 100.0), Zoom::default());
        assert_eq!(
            pointers.moved(1, Point::new(150.0, 100.0), Zoom::default(), STAGE),
            None
        );
        let zoomed = Zoom::default().scaled(2.0, STAGE);
        let mut pointers = Pointers::default();
        pointers.down(finger(1, 100.0, 100.0), zoomed);
        let moved = pointers
            .moved(1, Point::new(150.0, 90.0), zoomed, STAGE)
            .unwrap();
        assert_eq!(moved.pan, Point::new(50.0, -10.0));
        let far = pointers
            .moved(1, Point::new(1000.0, 100.0), moved, STAGE)
            .unwrap();
        assert_eq!(far.pan, Point::new(200.0, 0.0));
    }

    #[test]
    fn releases_read_as_swipes_and_double_taps() {
        let fitted = Zoom::default();
        let mut pointers = Pointers::default();
        pointers.down(finger(1, 200.0, 100.0), fitted);
        assert_eq!(
            pointers.up(1, Point::new(100.0, 110.0), fitted, 0.0),
            Release::Swipe(Swipe::Next)
        );
        // A zoomed image pans instead of swiping.
        let zoomed = fitted.scaled(2.0, STAGE);
        pointers.down(finger(1, 200.0, 100.0), zoomed);
        assert_eq!(
            pointers.up(1, Point::new(100.0, 110.0), zoomed, 0.0),
            Release::Nothing
        );

        let tap = |pointers: &mut Pointers, now: f64, touch: bool| {
            pointers.down(
                Pointer {
                    touch,
                    ..finger(1, 50.0, 50.0)
                },
                fitted,
            );
            pointers.up(1, Point::new(53.0, 52.0), fitted, now)
        };
        assert_eq!(tap(&mut pointers, 1000.0, true), Release::Nothing);
        assert_eq!(tap(&mut pointers, 1200.0, true), Release::DoubleTap);
        // A third tap starts over.
        assert_eq!(tap(&mut pointers, 1300.0, true), Release::Nothing);
        // Too slow.
        assert_eq!(tap(&mut pointers, 1700.0, true), Release::Nothing);
        // A mouse double click is the browser's `dblclick`, not two taps.
        assert_eq!(tap(&mut pointers, 5000.0, false), Release::Nothing);
        assert_eq!(tap(&mut pointers, 5100.0, false), Release::Nothing);
        // A cancelled press releases nothing.
        pointers.down(finger(1, 200.0, 100.0), fitted);
        pointers.cancel();
        assert_eq!(
            pointers.up(1, Point::new(0.0, 100.0), fitted, 0.0),
            Release::Nothing
        );
    }
}
